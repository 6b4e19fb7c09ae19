package org.yiwang.hotline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.Throttle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Open311 GeoReport v2 for partner channels (apps, mini-programs, partner sites). A service is a ticket type within
 * a top-level class ({@code COMPLAINT-020000}: 投诉 · 市场监管). Filing needs a channel's API key; reading is public,
 * but only the channel that filed a request sees its description and location, and 举报 are not shown to others.
 */
@Service
class Open311Service {

    static final int MAX_RESULTS = 1000;
    static final int DEFAULT_DAYS = 90;

    private final HotlineService tickets;
    private final HotlineReference reference;
    private final HotlineMapper mapper;
    private final TicketViews views;
    private final Throttle throttle;
    private final Throttle.Rate perAddress;
    private final Throttle.Rate perKey;
    private final Clock clock;

    Open311Service(HotlineService tickets, HotlineReference reference, HotlineMapper mapper, TicketViews views,
            Throttle throttle, HotlineSettings settings, Clock clock) {
        this.tickets = tickets;
        this.reference = reference;
        this.mapper = mapper;
        this.views = views;
        this.throttle = throttle;
        this.perAddress = new Throttle.Rate("open311-address", settings.open311PerMinute);
        this.perKey = new Throttle.Rate("open311-key", settings.open311PerMinute);
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Service311(@JsonProperty("service_code") String serviceCode, @JsonProperty("service_name") String serviceName,
            String description, boolean metadata, String type, String keywords, String group) {
    }

    record Created(@JsonProperty("service_request_id") String serviceRequestId,
            @JsonProperty("service_notice") String serviceNotice) {
    }

    /** A request in the spec's shape; fields the caller may not see are left out. */
    record Request311(@JsonProperty("service_request_id") String serviceRequestId, String status,
            @JsonProperty("status_notes") String statusNotes, @JsonProperty("service_name") String serviceName,
            @JsonProperty("service_code") String serviceCode, String description,
            @JsonProperty("agency_responsible") String agencyResponsible, @JsonProperty("service_notice") String serviceNotice,
            @JsonProperty("requested_datetime") OffsetDateTime requestedDatetime,
            @JsonProperty("updated_datetime") OffsetDateTime updatedDatetime,
            @JsonProperty("expected_datetime") OffsetDateTime expectedDatetime, String address, BigDecimal lat,
            @JsonProperty("long") BigDecimal lon) {
    }

    /** The form fields of POST requests.json. */
    record Submission(String apiKey, String serviceCode, String description, String addressString, String lat, String lon,
            String firstName, String lastName, String phone, String email) {
    }

    List<Service311> services(String address) {
        throttle.take(perAddress, address);
        List<Service311> out = new ArrayList<>();
        for (TicketType type : TicketType.values()) {
            for (HotlineMapper.ClassRow c : reference.topClasses()) {
                out.add(new Service311(type.name() + "-" + c.code(), type.label() + "·" + c.name(),
                        c.name() + "方面的" + type.label(), false, "realtime", type.label() + "," + c.name(), c.name()));
            }
        }
        return out;
    }

    Created submit(Submission s, String address) {
        throttle.take(perAddress, address);
        HotlineMapper.Channel channel = channel(s.apiKey());
        if (channel == null) {
            throw ApiException.forbidden("api_key 缺失或无效");
        }
        throttle.take(perKey, String.valueOf(channel.id()));
        String[] service = service(s.serviceCode());
        BigDecimal lat = decimal("lat", s.lat());
        BigDecimal lon = decimal("long", s.lon());
        if (lat == null && (s.addressString() == null || s.addressString().isBlank())) {
            throw ApiException.badParameter("address_string", "请提供 address_string，或 lat 与 long");
        }
        String name = ((s.lastName() == null ? "" : s.lastName().strip()) + (s.firstName() == null ? "" : s.firstName().strip()));
        HotlineService.Intake in = new HotlineService.Intake(service[0], service[1], null, null, s.description(),
                s.addressString(), lat, lon, name.isEmpty() ? null : name, s.phone(), s.email());
        if (in.phone() == null || in.phone().isBlank()) {
            throw ApiException.badParameter("phone", "请提供联系电话 phone，以便答复和回访");
        }
        TicketRow t = tickets.fileFromChannel(in, TicketType.valueOf(service[0]), channel.id());
        return new Created(t.ticketNo(), "已受理，请凭工单编号和电话后 4 位查询办理进度");
    }

    List<Request311> one(String id, String apiKey, String address) {
        throttle.take(perAddress, address);
        HotlineMapper.Channel channel = apiKey == null ? null : channel(apiKey);
        TicketRow t = id == null ? null : mapper.findByNo(id);
        if (t == null || !visible(t, channel)) {
            throw ApiException.notFound("service_request_id " + id);
        }
        return List.of(shape(t, channel));
    }

    List<Request311> search(Map<String, String> q, String address) {
        throttle.take(perAddress, address);
        HotlineMapper.Channel channel = q.get("api_key") == null ? null : channel(q.get("api_key"));
        List<String> ids = list(q.get("service_request_id"));
        String type = null;
        String classCode = null;
        List<String> states = null;
        LocalDateTime from = null;
        LocalDateTime to = null;
        if (ids == null) {
            if (q.get("service_code") != null && !q.get("service_code").isBlank()) {
                String[] service = service(q.get("service_code"));
                type = service[0];
                classCode = service[1].replaceAll("(00)+$", "");
            }
            states = states(q.get("status"));
            from = dateTime("start_date", q.get("start_date"));
            to = dateTime("end_date", q.get("end_date"));
            if (from == null && to == null) {
                from = LocalDate.now(clock).minusDays(DEFAULT_DAYS).atStartOfDay();
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw ApiException.badParameter("end_date", "end_date 不能早于 start_date");
            }
        }
        HotlineMapper.Filter f = new HotlineMapper.Filter(states, null, null, null, null, type, classCode,
                null, ids, from, to, null, LocalDate.now(clock), channel == null ? true : null);
        return mapper.find(f, 0, MAX_RESULTS).stream().filter(t -> visible(t, channel)).map(t -> shape(t, channel)).toList();
    }

    private boolean visible(TicketRow t, HotlineMapper.Channel channel) {
        return !t.ticketType().confidential() || own(t, channel);
    }

    private static boolean own(TicketRow t, HotlineMapper.Channel channel) {
        return channel != null && t.channelId() != null && t.channelId() == channel.id();
    }

    private Request311 shape(TicketRow t, HotlineMapper.Channel channel) {
        boolean own = own(t, channel);
        TicketState state = t.ticketState();
        String notes = state.label() + (own && t.reply() != null ? "：" + t.reply() : "");
        LocalDate expected = state == TicketState.DISPATCHED || state == TicketState.SIGNED ? t.replyDue() : null;
        HotlineMapper.ClassRow top = reference.findClass(HotlineReference.topOf(t.classCode())).orElseThrow();
        return new Request311(t.ticketNo(), state.open() ? "open" : "closed", notes,
                t.ticketType().label() + "·" + top.name(), t.type() + "-" + top.code(), own ? t.content() : null,
                t.agencyName(), null, at(t.receivedAt()), at(t.updatedAt()),
                expected == null ? null : at(expected.atTime(23, 59, 59)), own ? views.addressOf(t) : null,
                own ? t.lat() : null, own ? t.lon() : null);
    }

    private OffsetDateTime at(LocalDateTime t) {
        return t == null ? null : t.atZone(clock.getZone()).toOffsetDateTime();
    }

    private HotlineMapper.Channel channel(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
            return null;
        }
        HotlineMapper.Channel c = mapper.findChannelByKey(hash(apiKey));
        return c != null && c.enabled() ? c : null;
    }

    static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code TYPE-CLASS}: a ticket type and a known class. */
    private String[] service(String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.badParameter("service_code", "请提供 service_code");
        }
        String[] parts = code.trim().split("-", 2);
        boolean typeKnown = parts.length == 2 && Arrays.stream(TicketType.values()).anyMatch(t -> t.name().equals(parts[0]));
        if (!typeKnown || reference.findClass(parts[1]).isEmpty()) {
            throw ApiException.badParameter("service_code", "未知的 service_code：" + code + "（见 services.json）");
        }
        return parts;
    }

    private static BigDecimal decimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(field, field + " 须为十进制经纬度");
        }
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return null;
        }
        List<String> out = Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).distinct().toList();
        if (out.size() > 100) {
            throw ApiException.badParameter("service_request_id", "一次最多查询 100 个 service_request_id");
        }
        return out;
    }

    private static List<String> states(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        for (TicketState s : TicketState.values()) {
            byStatus.computeIfAbsent(s.open() ? "open" : "closed", k -> new ArrayList<>()).add(s.name());
        }
        List<String> out = new ArrayList<>();
        for (String part : status.split(",")) {
            List<String> states = byStatus.get(part.trim().toLowerCase());
            if (states == null) {
                throw ApiException.badParameter("status", "status 须为 open 或 closed");
            }
            out.addAll(states);
        }
        return out;
    }

    /** A W3C date-time (2026-12-01T08:00:00+08:00) or a date, in the platform's time zone. */
    private LocalDateTime dateTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String v = value.trim();
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return field.equals("end_date") ? d.atTime(23, 59, 59) : d.atStartOfDay();
            }
            return OffsetDateTime.parse(v).atZoneSameInstant(clock.getZone()).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", field + " 须为 W3C 日期时间，如 2026-12-01T08:00:00+08:00", field);
        }
    }
}
