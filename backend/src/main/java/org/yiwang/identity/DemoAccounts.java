package org.yiwang.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.shiro.authc.credential.PasswordService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.region.Agency;
import org.yiwang.region.RegionService;

/**
 * The demo profile's accounts (DESIGN §6). Their password comes from {@code YIWANG_DEMO_PASSWORD}; without
 * it a random one is made and printed once at start-up.
 */
@Component
@Profile("demo")
@Order(0)
class DemoAccounts {

    /** A natural person in a village of 乐东黎族自治县, a company in 海口市. */
    static final String APPLICANT_ID = IdentityNumbers.generateIdCard("469027", LocalDate.of(1986, 5, 14), 123);
    static final String COMPANY_USCC = IdentityNumbers.generateUscc("460100", "yiwang-demo-company");

    private record Demo(String username, String displayName, String agencyCode, List<Role> roles) {
    }

    private static final List<Demo> STAFF = List.of(
            new Demo("admin", "省平台管理员", "P030", List.of(Role.SYS_ADMIN, Role.ITEM_ADMIN)),
            new Demo("supervisor", "省电子监察员", "P030", List.of(Role.SUPERVISE)),
            new Demo("auditor", "省审计员", "P030", List.of(Role.AUDITOR)),
            new Demo("hk.admin", "海口市事项管理员", "4601-XZSP", List.of(Role.ITEM_ADMIN)),
            new Demo("hk.sysadmin", "海口市系统管理员", "4601-XZSP", List.of(Role.SYS_ADMIN)),
            new Demo("hk.accept", "王受理", "4601-SCJ", List.of(Role.ACCEPT)),
            new Demo("hk.review", "李审查", "4601-SCJ", List.of(Role.REVIEW)),
            new Demo("hk.approve", "陈审批", "4601-SCJ", List.of(Role.APPROVE)),
            new Demo("hk.head", "林局长", "4601-SCJ", List.of(Role.HEAD)),
            new Demo("hk.supervisor", "海口市监察员", "4601-SCJ", List.of(Role.SUPERVISE)),
            new Demo("sy.accept", "赵受理", "4602-SCJ", List.of(Role.ACCEPT)),
            new Demo("operator", "符话务", "P12345", List.of(Role.HOTLINE_OPERATOR)),
            new Demo("dispatcher", "吉派单", "P12345", List.of(Role.HOTLINE_DISPATCHER)));

    /** Every account the demo makes; {@link DemoDatabaseGuard} counts the others. */
    static final List<String> USERNAMES = java.util.stream.Stream.concat(STAFF.stream().map(Demo::username),
            java.util.stream.Stream.of("applicant", "company")).toList();

    private final IdentityMapper mapper;
    private final PasswordService passwords;
    private final PersonalDataCipher cipher;
    private final RegionService regions;
    private final Clock clock;
    private final String configuredPassword;

    /** The guard comes first: nothing is seeded into a database that is not a demo database. */
    DemoAccounts(DemoDatabaseGuard guard, IdentityMapper mapper, PasswordService passwords, PersonalDataCipher cipher,
            RegionService regions, Clock clock, @Value("${yiwang.demo.password:${YIWANG_DEMO_PASSWORD:}}") String configuredPassword) {
        this.mapper = mapper;
        this.passwords = passwords;
        this.cipher = cipher;
        this.regions = regions;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void seed(ApplicationReadyEvent ready) {
        boolean random = configuredPassword.isBlank();
        String password = random ? randomPassword() : configuredPassword;
        String hash = passwords.encryptPassword(password);
        for (Demo d : STAFF) {
            Agency agency = regions.agencyByCode(d.agencyCode()).orElseThrow();
            upsert(d.username(), "STAFF", d.displayName(), null, null, null, agency.regionCode(), agency.id(), d.roles(), hash, password);
        }
        String village = regions.children(regions.children("469027").get(0).code()).get(0).code();
        upsert("applicant", "APPLICANT", "黎小明", "ID_CARD", APPLICANT_ID, "13907551234", village, null, List.of(), hash, password);
        upsert("company", "APPLICANT", "海口椰风食品有限公司", "USCC", COMPANY_USCC, "13876001234", "4601", null, List.of(), hash, password);
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        // Printed once, on purpose: the URL and accounts to start with, and a random password has no other way out.
        System.out.println("\n  yiwang is running: http://localhost:" + port + "/  (workbench /workbench, admin /admin)"
                + "\n  demo accounts: admin, supervisor, auditor, hk.admin, hk.sysadmin, hk.accept, hk.review, hk.approve, hk.head,"
                + " hk.supervisor, sy.accept, operator, dispatcher,"
                + " applicant, company" + (random ? "\n  demo password (set YIWANG_DEMO_PASSWORD to choose one): " + password
                        : "\n  demo password: the value of YIWANG_DEMO_PASSWORD") + "\n");
    }

    private void upsert(String username, String kind, String displayName, String idType, String idNumber, String phone,
            String regionCode, Long agencyId, List<Role> roles, String hash, String password) {
        Account existing = mapper.findByUsername(username);
        if (existing != null) {
            // The journeys log in with the demo password and never change it.
            if (existing.mustChangePassword() || !passwords.passwordsMatch(password, existing.passwordHash())) {
                mapper.updatePassword(existing.id(), hash, false);
            }
            mapper.resetFailures(existing.id());
            return;
        }
        IdentityMapper.NewAccount a = new IdentityMapper.NewAccount();
        a.username = username;
        a.kind = kind;
        a.displayName = displayName;
        a.idType = idType;
        a.idNumberEnc = idNumber == null ? null : cipher.encrypt(idNumber);
        a.idNumberHash = idNumber == null ? null : cipher.lookupHash(idNumber);
        a.phoneEnc = phone == null ? null : cipher.encrypt(phone);
        a.regionCode = regionCode;
        a.agencyId = agencyId;
        a.passwordHash = hash;
        a.createdAt = LocalDateTime.now(clock);
        mapper.insertAccount(a);
        roles.forEach(r -> mapper.insertRole(a.id, r.name()));
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Yw-");
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
