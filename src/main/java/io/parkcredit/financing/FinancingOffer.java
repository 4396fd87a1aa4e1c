package io.parkcredit.financing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A bank's offer on a claimed request (DOMAIN.md §7): amount, yearly rate in %, term, expiry. */
@Entity
@Table(name = "financing_offers")
public class FinancingOffer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id") public long requestId;
    @Column(name = "institution_code") public String institutionCode;
    public BigDecimal amount;
    public BigDecimal rate;
    @Column(name = "term_days") public int termDays;
    @Column(name = "expires_on") public LocalDate expiresOn;
    public String note;
    /** OPEN, ACCEPTED or CLOSED. */
    public String status;
    @Column(name = "created_by") public String createdBy;
    @Column(name = "created_at") public Instant createdAt;

    @Override
    public boolean equals(Object o) {
        return o instanceof FinancingOffer f && Objects.equals(requestId, f.requestId)
                && Objects.equals(institutionCode, f.institutionCode) && Objects.equals(createdAt, f.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, institutionCode, createdAt);
    }
}
