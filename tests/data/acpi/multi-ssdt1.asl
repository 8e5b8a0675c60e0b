// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: second of a three-table load.  Adds to
// devices the DSDT declared (they must come after their existing
// children), to \_SB and to the root (after the predefined objects and
// the DSDT's root objects).  No table-level method call here: in ACPICA
// every method run takes an owner id, which would shift the id of the
// next table (see README.md).
// Compile with `iasl -on -oi -of multi-ssdt1.asl`.
DefinitionBlock ("", "SSDT", 2, "KINLIB", "MULTI1", 0x00000001)
{
    External (\_SB.PCI0, DeviceObj)
    External (\_SB.PCI0.GFX0, DeviceObj)
    External (\_SB.HPET, DeviceObj)
    External (DSN0, IntObj)

    Scope (\_SB.PCI0)
    {
        Name (S1N0, 0x11)
        Device (NEW1)
        {
            Name (_ADR, 0x00050000)
        }
    }

    Scope (\_SB.PCI0.GFX0)
    {
        Method (_DSM, 4, Serialized)
        {
            Return (Buffer (One) {0x00})
        }
        Name (S1N1, 0x12)
    }

    Device (\_SB.S1DV)
    {
        Name (_HID, "KIN0002")
    }

    Name (S1RT, 0x13)

    Store (DSN0, S1RT)

    Scope (\_SB.HPET)
    {
        Name (S1N2, 0x14)
    }

    Method (S1MT, 1, NotSerialized)
    {
        Return (Arg0)
    }
}
