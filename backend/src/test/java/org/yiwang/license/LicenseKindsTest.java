package org.yiwang.license;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which certificate a licence is, from its item's name, and which materials it can stand for. */
class LicenseKindsTest {

    @Test
    void theCertificateTheItemNameSaysComesFirst() {
        assertThat(LicenseKinds.of("燃气经营许可证核发")).isEqualTo("燃气经营许可证");
        assertThat(LicenseKinds.of("建设工程（含临时建设）规划许可证核发")).isEqualTo("建设工程规划许可证");
        assertThat(LicenseKinds.of("医疗机构执业许可证遗失补办（县级）")).isEqualTo("医疗机构执业许可证");
        assertThat(LicenseKinds.of("医师执业证书变更")).isEqualTo("医师执业证书");
    }

    @Test
    void itemsThatDoNotSayTheirCertificateUseTheTable() {
        assertThat(LicenseKinds.of("公司设立登记")).isEqualTo("营业执照");
        assertThat(LicenseKinds.of("个体工商户设立登记")).isEqualTo("营业执照");
        assertThat(LicenseKinds.of("非公司企业法人分支机构设立登记")).isEqualTo("营业执照");
        assertThat(LicenseKinds.of("食品(含保健食品)经营许可核发")).isEqualTo("食品经营许可证");
        assertThat(LicenseKinds.of("医疗机构执业登记（人体器官移植除外）")).isEqualTo("医疗机构执业许可证");
        assertThat(LicenseKinds.of("企业投资项目备案（技术改造）（市级/县级）")).isNull();
        assertThat(LicenseKinds.of("个体工商户注册、变更、注销登记")).isEqualTo("营业执照");
        assertThat(LicenseKinds.of("个人独资企业分支机构注销登记")).as("a cancellation issues no licence").isNull();
        assertThat(LicenseKinds.of("个体工商户注销登记")).isNull();
    }

    @Test
    void aMaterialAcceptsALicenceWhoseKindItNames() {
        assertThat(LicenseKinds.accepts("营业执照或统一社会信用代码证书", "营业执照")).isTrue();
        assertThat(LicenseKinds.accepts("医疗机构执业许可证", "医疗机构执业许可证")).isTrue();
        assertThat(LicenseKinds.accepts("法定代表人身份证明", "营业执照")).isFalse();
        assertThat(LicenseKinds.accepts("申请表（附营业执照号码）", "营业执照")).as("notes in brackets do not count").isFalse();
        assertThat(LicenseKinds.accepts("营业执照或统一社会信用代码证书", null)).isFalse();
    }
}
