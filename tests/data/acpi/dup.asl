// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: duplicate declarations inside one table.
// iasl rejects them (error 6074 "Name already exists in scope"), so this
// table is compiled with `iasl -f -on -oi -of dup.asl` (-f: write the AML
// despite the errors; the AML then holds both declarations as written).
// acpiexec reports AE_ALREADY_EXISTS for each second declaration, keeps
// the first object and skips the whole second one, body included.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "DUP", 0x00000001)
{
    Name (DUP0, One)
    Name (DUP0, "second, as a string")
    Name (AFT0, 0x02)

    Device (DDV0)
    {
        Name (_ADR, Zero)
        Name (IN0, One)
    }
    Device (DDV0)
    {
        Name (_ADR, One)
        Name (IN1, One)
        Device (SUB0)
        {
            Name (_ADR, One)
        }
    }

    Method (DMT0, 0, NotSerialized)
    {
        Return (One)
    }
    Method (DMT0, 2, NotSerialized)
    {
        Return (Arg0)
    }
    // Called with no argument: the first DMT0 (0 arguments) is the one
    // that exists, so the following Name is not an argument
    DMT0 ()
    Name (AFT1, 0x03)

    Scope (\_SB)
    {
        Name (SBD0, One)
        Device (SBD1)
        {
            Name (_ADR, Zero)
            Name (SBD0, 0x02)
        }
        Name (SBD0, 0x03)
        Processor (\_SB.SBD1, 0x01, 0x00000000, 0x00)
        {
            Name (INP0, One)
        }
        // Not the last term of the scope: when a skipped duplicate with a
        // body ends its enclosing scope, acpiexec 20200925 puts the next
        // object into that scope (see README.md)
        Name (SBD2, 0x04)
    }

    OperationRegion (REG0, SystemMemory, 0x1000, 0x10)
    OperationRegion (REG0, SystemIO, 0x80, 0x01)
    Mutex (MUT0, 0x00)
    Event (MUT0)
    ThermalZone (MUT0) {}
    Name (AFT2, 0x04)
}
