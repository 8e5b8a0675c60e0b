// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: references to names that do not exist.
// iasl refuses them (undefined names), so this table is compiled with -f.
// acpiexec reports AE_NOT_FOUND for the Scope whose target is missing and
// for each declaration whose scope is missing, skips them (body included)
// and carries on; an Alias whose source is missing is created, and so is
// its source (Untyped), with every missing scope on the source's path,
// after the alias: \NOPE exists from then on. A Scope on a Mutex is
// refused (AE_AML_OPERAND_TYPE) and skipped, body included.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "MISSING", 0x00000001)
{
    External (\NOPE, DeviceObj)
    Name (AAA0, One)
    Scope (\NOPE)
    {
        Name (XXX0, One)
    }
    Name (BBB0, One)
    Name (\NOPE.YYY0, One)
    Name (CCC0, One)
    Alias (\NALI, ALI0)
    Device (DEV0)
    {
        Alias (NAL2, ALI2)
        Alias (\NOPE.ZZZ0, ALI3)
        Name (EEE0, One)
    }
    Device (\NOPE.DEV1)
    {
        Name (FFF0, One)
    }
    Scope (NOPE)
    {
        Name (GGG0, One)
    }
    Mutex (MTX0, 0x00)
    Scope (MTX0)
    {
        Name (HHH0, One)
    }
    Name (DDD0, One)
}
