package io.plantstream.collector.adapter;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Sparkplug B payloads (the Eclipse Sparkplug specification's protobuf message) from the
 * wire format with protobuf's own reader: the payload's timestamp and its metrics, each with its
 * name or alias and its value as a Java value of the metric's data type. Data sets, templates
 * and properties are skipped.
 */
final class SparkplugB {
    private SparkplugB() {
    }

    record Metric(String name, Long alias, Long timestamp, Object value) {
    }

    record Payload(Long timestamp, List<Metric> metrics) {
    }

    static Payload decode(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Long timestamp = null;
        List<Metric> metrics = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> timestamp = expect(tag, WireFormat.WIRETYPE_VARINT, in).readUInt64();
                case 2 -> {
                    int limit = in.pushLimit(expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in).readRawVarint32());
                    metrics.add(metric(in));
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
        return new Payload(timestamp, metrics);
    }

    /** The stream, once the field's wire type is the one the specification gives it. */
    private static CodedInputStream expect(int tag, int wireType, CodedInputStream in) throws IOException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new IOException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                    + WireFormat.getTagWireType(tag) + ", the specification says " + wireType);
        }
        return in;
    }

    private static Metric metric(CodedInputStream in) throws IOException {
        String name = null;
        Long alias = null;
        Long timestamp = null;
        int datatype = 0;
        boolean isNull = false;
        Long raw = null;
        Object value = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int varint = WireFormat.WIRETYPE_VARINT;
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in).readString();
                case 2 -> alias = expect(tag, varint, in).readUInt64();
                case 3 -> timestamp = expect(tag, varint, in).readUInt64();
                case 4 -> datatype = expect(tag, varint, in).readUInt32();
                case 7 -> isNull = expect(tag, varint, in).readBool();
                case 10 -> raw = expect(tag, varint, in).readUInt32() & 0xffffffffL;
                case 11 -> raw = expect(tag, varint, in).readUInt64();
                case 12 -> value = expect(tag, WireFormat.WIRETYPE_FIXED32, in).readFloat();
                case 13 -> value = expect(tag, WireFormat.WIRETYPE_FIXED64, in).readDouble();
                case 14 -> value = expect(tag, varint, in).readBool();
                case 15 -> value = expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, in).readString();
                default -> in.skipField(tag);
            }
        }
        if (isNull) {
            return new Metric(name, alias, timestamp, null);
        }
        if (raw != null) {
            long number = raw;
            value = switch (datatype) {
                case 1 -> (long) (byte) number;              // Int8
                case 2 -> (long) (short) number;             // Int16
                case 3 -> (long) (int) number;               // Int32
                case 8 -> number < 0 ? Double.valueOf(Long.toUnsignedString(number)) : number; // UInt64
                default -> number;                           // Int64, UInt8/16/32, DateTime (ms)
            };
        }
        return new Metric(name, alias, timestamp, value);
    }
}
