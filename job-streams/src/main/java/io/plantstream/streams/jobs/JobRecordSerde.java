package io.plantstream.streams.jobs;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.plantstream.events.serde.EventJson;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON form of a {@link JobRecord} in the state store and its changelog. */
public final class JobRecordSerde implements Serde<JobRecord> {
    private static final ObjectReader READER = EventJson.mapper().readerFor(JobRecord.class);
    private static final ObjectWriter WRITER = EventJson.mapper().writerFor(JobRecord.class);

    @Override
    public Serializer<JobRecord> serializer() {
        return (topic, job) -> {
            try {
                return job == null ? null : WRITER.writeValueAsBytes(job);
            } catch (IOException e) {
                throw new SerializationException("cannot write job " + job.orderNo, e);
            }
        };
    }

    @Override
    public Deserializer<JobRecord> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : READER.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("corrupt job state on " + topic, e);
            }
        };
    }
}
