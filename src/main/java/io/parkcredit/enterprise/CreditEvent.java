package io.parkcredit.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A credit event (penalty, lawsuit, honour…), keyed by source and event number (DOMAIN.md §3). */
@Entity
@Table(name = "credit_events")
public class CreditEvent extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String source;

    @Column(name = "event_no", nullable = false)
    public String eventNo;

    @Column(nullable = false)
    public String uscc;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventType type;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Column(name = "occurred_on", nullable = false)
    public LocalDate occurredOn;

    public BigDecimal amount;

    public String grade;

    public String title;

    public String detail;

    @Column(name = "repaired_on")
    public LocalDate repairedOn;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** Counts against the firm on day D: negative, occurred by D, not repaired by D (DOMAIN.md §4). */
    public boolean countsOn(LocalDate day) {
        return type.negative() && !occurredOn.isAfter(day) && (repairedOn == null || repairedOn.isAfter(day));
    }

    public String ref() {
        return source + "/" + eventNo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreditEvent e && Objects.equals(source, e.source) && Objects.equals(eventNo, e.eventNo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, eventNo);
    }
}
