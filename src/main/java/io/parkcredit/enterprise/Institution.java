package io.parkcredit.enterprise;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/** A bank or guarantee company (DOMAIN.md §3), keyed by its code. */
@Entity
@Table(name = "institutions")
public class Institution extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InstitutionKind kind;

    /** The park the institution serves (DOMAIN.md §10.3). */
    @Column(name = "park_id", nullable = false)
    public int parkId = 1;

    @Override
    public boolean equals(Object o) {
        return o instanceof Institution i && Objects.equals(code, i.code);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(code);
    }
}
