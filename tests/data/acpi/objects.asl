// SPDX-License-Identifier: BSL-1.0
//
// kin ACPI adapter test table: one of every named-object kind.
// Written for kin; compile with `iasl -on -oi -of objects.asl`.
DefinitionBlock ("", "DSDT", 2, "KINLIB", "OBJECTS", 0x00000001)
{
    // External declarations: the AML keeps them (inside an If (Zero)
    // block) but they must create no namespace node.
    External (XUNK)
    External (XINT, IntObj)
    External (XSTR, StrObj)
    External (XBUF, BuffObj)
    External (XPKG, PkgObj)
    External (XFLD, FieldUnitObj)
    External (\_SB.XDEV, DeviceObj)
    External (XEVT, EventObj)
    External (XMTH, MethodObj)
    External (XMUT, MutexObj)
    External (XREG, OpRegionObj)
    External (XPWR, PowerResObj)
    External (XCPU, ProcessorObj)
    External (XTHZ, ThermalZoneObj)
    External (XBFL, BuffFieldObj)

    // Name with every integer encoding
    Name (INTZ, Zero)
    Name (INTO, One)
    Name (INTF, Ones)
    Name (INTB, 0x5A)
    Name (INTW, 0x1234)
    Name (INTD, 0x12345678)
    Name (INTQ, 0x0123456789ABCDEF)
    Name (INTR, Revision)

    // Name with strings, buffers and packages
    Name (STR0, "kin namespace")
    Name (STRE, "")
    Name (BUF0, Buffer (0x10) {0x01, 0x02, 0x03, 0x04})
    Name (BUF1, Buffer () {"abc"})
    Name (RES0, ResourceTemplate ()
    {
        Memory32Fixed (ReadWrite, 0xFED00000, 0x00000400, )
        IO (Decode16, 0x0060, 0x0060, 0x01, 0x01, )
    })
    Name (GPC0, ResourceTemplate ()
    {
        GpioIo (Exclusive, PullNone, 0x0000, 0x0000, IoRestrictionNone,
            "\\_SB.DEV0", 0x00, ResourceConsumer, ,
            )
            {   // Pin list
                0x0001
            }
    })
    Name (PKG0, Package (0x04) {One, "two", Buffer (One) {0x03}, Package () {0x04}})
    Name (PKG1, Package () {INTO, \_SB, _SB.DEV0.MTH0})
    Name (VPK0, Package (INTB) {One, 0x02})

    // Scope on the predefined scopes
    Scope (\_GPE)
    {
        Name (GPN0, 0x07)
        Method (GPM0, 0, NotSerialized)
        {
            Return (Zero)
        }
    }

    Scope (\_PR)
    {
        Processor (CPU0, 0x00, 0x00000410, 0x06)
        {
            Name (PRN0, One)
        }
        Processor (CPU1, 0x01, 0x00000000, 0x00) {}
    }

    Scope (\_SI)
    {
        Method (SIM0, 1, NotSerialized)
        {
            Return (Arg0)
        }
    }

    Scope (\_SB)
    {
        Device (DEV0)
        {
            Name (_HID, "KIN0001")
            Name (_UID, Zero)
            Device (DEV1)
            {
                Name (_ADR, 0x00010002)
                Device (DEV2)
                {
                    Name (_ADR, Zero)
                    Mutex (MUX2, 0x03)
                }
            }

            // Method bodies are not run at load time: nothing declared
            // inside them may appear in the namespace.
            Method (MTH0, 0, NotSerialized)
            {
                Name (INM0, One)
                Return (INM0)
            }
            Method (MTH1, 1, Serialized)
            {
                Name (INM1, Package () {One})
                Device (INDV) {}
                Return (Arg0)
            }
            Method (MTH3, 3, NotSerialized)
            {
                Return (Add (Arg0, Multiply (Arg1, Arg2)))
            }
            Method (MTH7, 7, Serialized, 0x05)
            {
                Return (Arg6)
            }
        }

        // Scope on a Device (nested Scope inside Scope)
        Scope (DEV0)
        {
            Name (SCN0, "in DEV0")
            Scope (DEV1)
            {
                Name (SCN1, 0x01)
            }
        }

        Device (PCI0)
        {
            Name (_HID, EisaId ("PNP0A08"))
            Name (_CID, EisaId ("PNP0A03"))
            Name (_BBN, Zero)
            Name (_UID, Zero)
            OperationRegion (PCFG, PCI_Config, 0x40, 0x20)
            Field (PCFG, DWordAcc, NoLock, Preserve)
            {
                PCF0,   16,
                PCF1,   16,
                Offset (0x08),
                PCF2,   32
            }
        }

        PowerResource (PWR0, 0x00, 0x0000)
        {
            Method (_STA, 0, NotSerialized)
            {
                Return (One)
            }
            Method (_ON, 0, NotSerialized) {}
            Method (_OFF, 0, NotSerialized) {}
        }
    }

    Scope (\_TZ)
    {
        ThermalZone (TZ00)
        {
            Name (_TSP, 0x96)
            Method (_TMP, 0, NotSerialized)
            {
                Return (0x0BB8)
            }
        }
    }

    // Synchronisation objects
    Mutex (MUT0, 0x00)
    Mutex (MUT1, 0x0F)
    Event (EVT0)

    // Operation regions; the last one has expression operands
    OperationRegion (MEM0, SystemMemory, 0xFED40000, 0x00000100)
    OperationRegion (IO00, SystemIO, 0x0CF8, 0x08)
    OperationRegion (MEM1, SystemMemory, Add (INTD, 0x1000), Multiply (INTB, 0x02))
    DataTableRegion (DTR0, "DSDT", "", "")

    // Field with reserved bits, Offset and AccessAs
    Field (MEM0, AnyAcc, NoLock, Preserve)
    {
        FLD0,   8,
            ,   4,
        FLD1,   4,
        Offset (0x04),
        FLD2,   32,
        AccessAs (ByteAcc, 0x00),
        FLD3,   8,
        Offset (0x10),
        FLD4,   16
    }

    // Field with Connection (only GeneralPurposeIo and GenericSerialBus
    // regions allow it): by name and with an inline resource template
    OperationRegion (GPO0, GeneralPurposeIo, Zero, 0x08)
    Field (GPO0, ByteAcc, NoLock, Preserve)
    {
        Connection (GPC0),
        GPF0,   1,
        Connection (
            GpioIo (Exclusive, PullUp, 0x0000, 0x0000, IoRestrictionNone,
                "\\_SB.DEV0", 0x00, ResourceConsumer, ,
                )
                {   // Pin list
                    0x0002
                }
        ),
        GPF1,   1,
            ,   2,
        GPF2,   4
    }

    // IndexField over two fields of an I/O region
    Field (IO00, DWordAcc, NoLock, Preserve)
    {
        IDX0,   32,
        DAT0,   32
    }
    IndexField (IDX0, DAT0, DWordAcc, NoLock, Preserve)
    {
        IXF0,   8,
            ,   8,
        IXF1,   16,
        Offset (0x08),
        AccessAs (ByteAcc, 0x00),
        IXF2,   8
    }

    // BankField: bank register in one region, banked fields in another
    Field (MEM1, ByteAcc, NoLock, Preserve)
    {
        BNK0,   8
    }
    BankField (MEM0, BNK0, 0x01, ByteAcc, NoLock, Preserve)
    {
        Offset (0x20),
        BKF0,   8,
            ,   8,
        BKF1,   16
    }
    BankField (MEM0, BNK0, Add (INTO, One), ByteAcc, NoLock, Preserve)
    {
        Offset (0x20),
        BKF2,   32
    }

    // Buffer fields over a Name'd buffer
    CreateBitField (BUF0, 0x03, CBIT)
    CreateByteField (BUF0, One, CBYT)
    CreateWordField (BUF0, 0x02, CWRD)
    CreateDWordField (BUF0, 0x04, CDWD)
    CreateQWordField (BUF0, 0x08, CQWD)
    CreateField (BUF0, 0x44, 0x0C, CFLD)

    // Aliases: to a data object and to a method
    Alias (INTO, ALI0)
    Alias (\_SB.DEV0.MTH1, ALM0)
}
