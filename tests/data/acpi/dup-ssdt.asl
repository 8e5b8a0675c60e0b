// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: an SSDT, loaded after dup.aml, that
// declares again names the DSDT already holds.  It compiles cleanly on its
// own (`iasl -on -oi -of dup-ssdt.asl`); the duplicates show only when
// acpiexec loads it on top of dup.aml: AE_ALREADY_EXISTS, first object
// kept, the second skipped with its whole body.
DefinitionBlock ("", "SSDT", 2, "KINLIB", "DUPSSDT", 0x00000001)
{
    External (\DDV0, DeviceObj)

    Name (DUP0, 0x10)
    Name (SSN0, One)
    Device (\_SB.SBD1)
    {
        Name (_ADR, 0x02)
        Name (SSX0, One)
    }
    Name (SSN1, 0x02)
    Scope (\DDV0)
    {
        Name (SSN2, 0x03)
        Name (IN0, 0x04)
        Name (SSN3, 0x05)
    }
    Method (DMT0, 1, NotSerialized)
    {
        Return (Arg0)
    }
    Mutex (AFT2, 0x00)
    Name (SSN4, 0x06)
}
