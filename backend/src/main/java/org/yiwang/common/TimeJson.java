package org.yiwang.common;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Times in the API carry their offset: the platform keeps local times of its zone ({@code yiwang.time-zone}, the
 * zone of the application's clock), and a browser elsewhere — or a client that assumes UTC — would otherwise
 * show them shifted. A time sent without an offset is read as a time of that zone.
 */
@Configuration
class TimeJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer offsetTimes(Clock clock) {
        ZoneId zone = clock.getZone();
        return builder -> builder.serializerByType(LocalDateTime.class, new JsonSerializer<LocalDateTime>() {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.atZone(zone)));
            }
        }).deserializerByType(LocalDateTime.class, new JsonDeserializer<LocalDateTime>() {
            @Override
            public LocalDateTime deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                try {
                    TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                    return t instanceof OffsetDateTime o ? o.atZoneSameInstant(zone).toLocalDateTime() : (LocalDateTime) t;
                } catch (DateTimeParseException e) {
                    throw InvalidFormatException.from(in, "须为 ISO-8601 时间", text, LocalDateTime.class);
                }
            }
        });
    }
}
