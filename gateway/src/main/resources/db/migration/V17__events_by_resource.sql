-- One resource's events (GET /v1/events?resourceType=&resourceId=: an order's page in the console) without reading the
-- tenant's whole stream.
CREATE INDEX events_tenant_resource ON events (tenant_id, resource_type, resource_id, id);
