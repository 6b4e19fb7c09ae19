package org.yiwang.license;

import java.time.LocalDate;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * 电子证照: an e-licence issued on approval, verifiable by anyone with its code. {@code holderKind} is PERSON or
 * COMPANY; the address is stored encrypted and the scope is what the application asked to be licensed for.
 */
public record License(@JsonIgnore long id, String licenseNo, String verificationCode, @JsonIgnore long applicationId,
        @JsonIgnore long holderAccountId, String holderName, String holderIdMasked, String itemName, String agencyName,
        @JsonIgnore long agencyId, LocalDateTime issuedAt, LocalDate validUntil, String status, String holderKind,
        @JsonIgnore String holderAddressEnc, String scope) {

    public static final String PERSON = "PERSON";
    public static final String COMPANY = "COMPANY";
}
