// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: Scope whose target is a data object.
// iasl accepts it; acpiexec warns "Type override - [NAME] had invalid
// type (...) for Scope operator, changed to type ANY" and the node is
// listed as Untyped, with the Scope body's names as its children.
// Compile with `iasl -on -oi -of retype.asl`.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "RETYPE", 0x00000001)
{
    Name (INT0, One)
    Name (STR0, "string")
    Name (BUF0, Buffer (0x02) {0x01, 0x02})
    Name (AFT0, Zero)

    Scope (INT0)
    {
        Name (CHI0, 0x02)
    }
    Scope (\STR0)
    {
        Name (CHS0, 0x03)
        Device (CHS1)
        {
            Name (_ADR, Zero)
        }
    }
    Scope (BUF0)
    {
        Name (CHB0, 0x04)
    }
    Scope (INT0)
    {
        Name (CHI1, 0x05)
    }
    Name (AFT1, One)
}
