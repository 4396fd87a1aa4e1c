package io.parkcredit.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A firm of the park or a prospect ({@code inPark = false}), keyed by its USCC (DOMAIN.md §3).
 * Written in bulk by bundle imports; read here for profiles.
 */
@Entity
@Table(name = "enterprises")
public class Enterprise extends PanacheEntityBase {

    @Id
    public String uscc;

    @Column(nullable = false)
    public String name;

    @Column(name = "registered_on")
    public LocalDate registeredOn;

    @Column(name = "industry_code")
    public String industryCode;

    @Column(name = "registered_capital")
    public BigDecimal registeredCapital;

    public Integer employees;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EnterpriseStatus status;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_mobile")
    public String contactMobile;

    @Column(name = "in_park", nullable = false)
    public boolean inPark;

    public String address;

    public int patents;

    @Column(name = "software_copyrights")
    public int softwareCopyrights;

    /** The park the firm belongs to (DOMAIN.md §10.3). */
    @Column(name = "park_id", nullable = false)
    public int parkId = 1;

    @Version
    public long version;

    @Override
    public boolean equals(Object o) {
        return o instanceof Enterprise e && Objects.equals(uscc, e.uscc);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(uscc);
    }
}
