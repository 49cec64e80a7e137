// Diplomap schema for Neo4j 5: constraints and indexes, not a saved query.
// Applied by `diplomap init-schema` and, lazily, before the first write of Neo4jStore.
// Every statement is idempotent (IF NOT EXISTS), so it is safe to run again.
// Every node carries its model label and the common label Entity; `id` is unique
// across the whole graph (Entity) and within each label.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (n:Agreement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT plan_id IF NOT EXISTS FOR (n:Plan) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stage_id IF NOT EXISTS FOR (n:Stage) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT committee_id IF NOT EXISTS FOR (n:Committee) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT activity_id IF NOT EXISTS FOR (n:Activity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT measurement_id IF NOT EXISTS FOR (n:Measurement) REQUIRE n.id IS UNIQUE;

// The store's own bookkeeping node (commit counter behind Store.version()).
CREATE CONSTRAINT diplomap_meta_key IF NOT EXISTS FOR (m:DiplomapMeta) REQUIRE m.key IS UNIQUE;

// Lookups by name (search, import resolution) and the filters of the saved queries.
CREATE INDEX city_name IF NOT EXISTS FOR (n:City) ON (n.name);
CREATE INDEX network_name IF NOT EXISTS FOR (n:Network) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX theme_name IF NOT EXISTS FOR (n:Theme) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX city_country IF NOT EXISTS FOR (n:City) ON (n.country);
CREATE INDEX agreement_status IF NOT EXISTS FOR (n:Agreement) ON (n.status);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX activity_status IF NOT EXISTS FOR (n:Activity) ON (n.status);
