// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: first of a three-table load
// (multi-dsdt.aml, multi-ssdt1.aml, multi-ssdt2.aml, in that order).
// Compile with `iasl -on -oi -of multi-dsdt.asl`.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "MULTI", 0x00000001)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_UID, Zero)
            Device (GFX0)
            {
                Name (_ADR, 0x00020000)
            }
            Device (LPCB)
            {
                Name (_ADR, 0x001F0000)
            }
            Method (PM2, 2, NotSerialized)
            {
                Return (Arg1)
            }
        }
        Device (HPET)
        {
            Name (_HID, EisaId ("PNP0103"))
        }
    }

    Name (DSN0, One)
    Method (DMT2, 2, NotSerialized)
    {
        Return (Arg0)
    }
    Method (DMT0, 0, NotSerialized)
    {
        Return (Zero)
    }
    Name (DSN1, "dsdt")
}
