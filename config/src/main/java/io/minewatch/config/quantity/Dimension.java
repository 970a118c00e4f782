package io.minewatch.config.quantity;

/** What a unit measures; units convert only within one dimension. */
public enum Dimension {
    /** Volume concentration of a gas, base unit ppm. */
    GAS_CONCENTRATION,
    /** Mass concentration of particulate matter, base unit mg/m³. */
    MASS_CONCENTRATION,
    /** Length: water levels, burial depths, displacements, rainfall; base unit mm. */
    LENGTH
}
