package nl.marketplace.reviews.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The write side's view of a partner (mails name it). */
@Entity
@Table(name = "partner")
public class PartnerEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(columnDefinition = "text")
    public String name;
}
