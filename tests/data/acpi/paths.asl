// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: name paths.  Root (\) and parent (^, ^^)
// prefixes in declarations and Scope targets, dual- and multi-segment
// declarations, Scope targets found by the upward search, and short
// names padded with '_'.  Compile with `iasl -on -oi -of paths.asl`
// (-on keeps every prefix exactly as written in the AML).
DefinitionBlock ("", "DSDT", 2, "KINLIB", "PATHS", 0x00000001)
{
    Scope (\_SB)
    {
        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Device (LPCB)
            {
                Name (_ADR, 0x001F0000)
                Device (EC0)
                {
                    Name (_HID, EisaId ("PNP0C09"))
                    Name (AB, One)
                    Name (C, 0x02)
                    Name (^ECP, 0x03)
                    Name (^^PCP, 0x04)
                    Method (^LPM, 1, NotSerialized)
                    {
                        Return (Arg0)
                    }
                    Device (^^DVP)
                    {
                        Name (_ADR, 0x00030000)
                    }
                    Scope (^^^)
                    {
                        Name (SBX, 0x05)
                    }
                    Scope (^^DVP)
                    {
                        Name (DVX, 0x06)
                    }
                    Name (\RT0, 0x07)
                    Name (\_SB.PCI0.PCQ, 0x08)
                }
            }
        }
    }

    // Dual-name and multi-name declarations (with and without \)
    Device (_SB.DU2)
    {
        Name (_ADR, Zero)
    }
    Device (\_SB.DU3)
    {
        Name (_ADR, One)
    }
    Name (_SB.PCI0.LPCB.EC0.MN3, 0x09)
    Device (\_SB.PCI0.LPCB.EC0.SUB1)
    {
        Name (_ADR, 0x02)
        Device (SUB2)
        {
            Name (_ADR, 0x03)
        }
    }
    Name (_SB.PCI0.LPCB.EC0.SUB1.SUB2.DEEP, "five segments")

    // Scope targets: multi-segment, then single segments found by the
    // upward search from inside a nested scope (PCI0 from LPCB looks in
    // LPCB, then PCI0, then \_SB where PCI0 lives)
    Scope (_SB.PCI0.LPCB)
    {
        Scope (PCI0)
        {
            Name (UPW, 0x0A)
        }
        Scope (EC0)
        {
            Name (ECN, 0x0B)
            Scope (_SB)
            {
                Name (SBY, 0x0C)
            }
        }
        Name (^^^RT2, 0x0F)
        Scope (^)
        {
            Name (CAR, 0x0D)
        }
        Scope (\)
        {
            Name (RT1, 0x0E)
        }
    }
    Scope (\_SB.PCI0.LPCB.EC0.SUB1.SUB2)
    {
        Name (^^S1N, 0x10)
    }

    // Short names everywhere
    Device (_SB.X)
    {
        Name (_ADR, 0x04)
        Name (Y, One)
        Name (YZ, 0x02)
        Name (Y_Z, 0x03)
        Name (Z_, 0x04)
        Alias (Y, ^YA)
    }
    Name (Q, One)
    Name (Q1, 0x02)
    Name (Q12, 0x03)
    Alias (_SB.X.Y, YB)
    Alias (\_SB.PCI0.LPCB.LPM, \_SB.X.LPA)
}
