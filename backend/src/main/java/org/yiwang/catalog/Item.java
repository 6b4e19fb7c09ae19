package org.yiwang.catalog;

import org.yiwang.region.ServiceLevel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One implemented item (实施事项) with the guide elements (办事指南) of DESIGN §4. */
public record Item(
        @JsonIgnore long id,
        String code,
        String basicCode,
        String name,
        String mainItemName,
        int type,
        ServiceLevel level,
        String regionCode,
        String regionName,
        long agencyId,
        String agencyName,
        String departmentCode,
        String caseKind,
        String audience,
        int legalLimitDays,
        int promisedLimitDays,
        String fee,
        String feeBasis,
        int visits,
        int onlineDepth,
        String lawBasis,
        String consultPhone,
        String complaintPhone,
        String processDescription,
        String processKey,
        @JsonIgnore String pinyin,
        @JsonIgnore String initials,
        String status,
        int version,
        String formKey,
        Integer formVersion) {

    @JsonProperty
    public String typeName() {
        return ItemType.nameOf(type);
    }

    public boolean instant() {
        return "INSTANT".equals(caseKind);
    }
}
