"""Reference data shipped with the product: countries and funding eligibility, the theme catalogue, the gazetteer."""
