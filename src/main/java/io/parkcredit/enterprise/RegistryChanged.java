package io.parkcredit.enterprise;

/** Fired after registry data committed (a bundle import): caches derived from it must be rebuilt. */
public record RegistryChanged(String cause) {
}
