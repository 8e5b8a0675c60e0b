// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: executable code at table level, which a
// namespace-only loader must skip term by term.  Nothing is declared
// inside a block that runs (only inside If (Zero)), so acpiexec, which
// executes this code, and a loader that skips it build the same
// namespace.  Compile with `iasl -on -oi -of exec.asl`.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "EXEC", 0x00000001)
{
    Name (CNT0, Zero)
    Name (CNT1, 0x05)
    Name (BUF0, Buffer (0x08) {})
    Name (PKG0, Package (0x02) {One, 0x02})

    Scope (\_SB)
    {
        Method (FOO, 2, NotSerialized)
        {
            CNT0 = (Arg0 + Arg1)
            Return (CNT0)
        }
        Method (BAR, 0, NotSerialized)
        {
            Return (0x03)
        }
        Method (BAZ, 1, Serialized)
        {
            Name (TMP0, Zero)
            TMP0 = Arg0
            Return (TMP0)
        }
    }

    // Plain statements
    Store (0x10, CNT0)
    Add (CNT0, One, CNT0)
    Subtract (CNT0, 0x02, CNT0)
    Increment (CNT1)
    Decrement (CNT1)
    CNT0 = (CNT1 * 0x03)
    CNT1 |= 0x0100
    ShiftLeft (CNT1, One, CNT1)
    Store (SizeOf (BUF0), CNT0)
    Store (DerefOf (Index (PKG0, One)), CNT1)
    BUF0 [0x02] = 0x7F
    Store (ToInteger ("0x20"), CNT0)
    Store (Concatenate ("ab", "cd"), Debug)
    Store (CondRefOf (\_SB.NONE), CNT1)

    // Method calls at table level: arguments follow the name, their count
    // comes from the method declaration
    \_SB.FOO (One, 0x10)
    \_SB.BAR ()
    \_SB.BAZ (\_SB.FOO (\_SB.BAR (), CNT1))
    Store (\_SB.FOO (0x02, 0x03), CNT1)
    \_SB.BAR ()
    Name (AFT0, 0x0A)

    // Conditionals and loops
    If (LEqual (CNT1, 0x05))
    {
        Store (0x20, CNT0)
    }
    Else
    {
        Store (0x30, CNT0)
    }

    If (LNotEqual (CNT1, 0x05))
    {
        CNT0 = 0x40
    }
    ElseIf (LGreaterEqual (CNT1, 0x02))
    {
        CNT0 = 0x50
    }
    Else
    {
        CNT0 = 0x60
    }

    While (LLess (CNT0, 0x70))
    {
        Increment (CNT0)
        If (LLessEqual (CNT0, 0x68))
        {
            Continue
        }
        Break
    }

    // Declarations inside blocks that do not run: acpiexec creates none
    If (Zero)
    {
        Name (NOPE, One)
        Device (NODV)
        {
            Name (_ADR, Zero)
        }
        Method (NOMT, 0, NotSerialized) {}
    }
    Else
    {
        CNT1 = 0x07
    }

    While (Zero)
    {
        Name (NOWH, One)
    }

    Name (AFT1, "after the code")
    Device (\_SB.AFT2)
    {
        Name (_ADR, Zero)
    }
}
