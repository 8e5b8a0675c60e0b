// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: third of a three-table load.  Adds to a
// device that the first SSDT created, to the DSDT's devices once more,
// and to the root, and calls methods of the earlier tables at table level
// (their argument counts are known only from the namespace built so far).
// Compile with `iasl -on -oi -of multi-ssdt2.asl`.
DefinitionBlock ("", "SSDT", 2, "KINLIB", "MULTI2", 0x00000001)
{
    External (\_SB.PCI0, DeviceObj)
    External (\_SB.PCI0.NEW1, DeviceObj)
    External (\_SB.PCI0.LPCB, DeviceObj)
    External (\_SB.PCI0.PM2, MethodObj)
    External (DSN0, IntObj)
    External (DMT2, MethodObj)
    External (DMT0, MethodObj)
    External (S1MT, MethodObj)

    Scope (\_SB.PCI0.NEW1)
    {
        Name (S2N0, 0x21)
    }

    Scope (\_SB.PCI0)
    {
        Device (NEW2)
        {
            Name (_ADR, 0x00060000)
        }
        Scope (LPCB)
        {
            Device (EC0)
            {
                Name (_HID, EisaId ("PNP0C09"))
            }
        }
    }

    S1MT (0x22)
    DMT2 (DSN0, 0x02)
    \_SB.PCI0.PM2 (DMT0 (), One)
    DMT0 ()

    Name (S2RT, "ssdt2")
    Scope (\)
    {
        Name (S2R2, 0x23)
    }
    Scope (\_GPE)
    {
        Name (S2GP, 0x24)
    }
}
