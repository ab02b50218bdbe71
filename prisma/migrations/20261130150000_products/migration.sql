-- The product catalog proposals are priced from (issue 5; seed 002 products).
CREATE TYPE product_billing_type AS ENUM ('one_time', 'monthly', 'yearly');

CREATE TABLE products (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name varchar(255) NOT NULL CHECK (length(btrim(name)) > 0),
  sku varchar(100),
  description text,
  unit_price numeric(15, 2) NOT NULL CHECK (unit_price >= 0),
  currency char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  billing_type product_billing_type NOT NULL DEFAULT 'one_time',
  tax_rate numeric(6, 3) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate <= 100),
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX products_organization_id_id_key ON products (organization_id, id);
CREATE UNIQUE INDEX products_organization_id_sku_key ON products (organization_id, sku);
CREATE INDEX products_organization_id_name_idx ON products (organization_id, name);
SELECT parley_enable_tenant_rls('products');
CREATE TRIGGER products_set_updated_at BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION set_updated_at();
