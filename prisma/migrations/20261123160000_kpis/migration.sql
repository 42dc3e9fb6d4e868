-- CreateTable
CREATE TABLE "KpiDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "target" REAL,
    "weight" REAL NOT NULL DEFAULT 1,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "builtIn" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "KpiValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiValue_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiValue_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KpiValue_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "KpiDefinition_key_key" ON "KpiDefinition"("key");

-- CreateIndex
CREATE INDEX "KpiValue_accountId_quarter_idx" ON "KpiValue"("accountId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "KpiValue_accountId_kpiId_quarter_key" ON "KpiValue"("accountId", "kpiId", "quarter");


-- The KPIs every workspace starts with (PRODUCT.md). Targets feed the health score.
INSERT INTO "KpiDefinition" ("id", "key", "name", "nameZh", "unit", "direction", "target", "weight", "sortOrder", "builtIn") VALUES
  ('kpi_revenue', 'revenue', 'Revenue', '营业收入', 'currency', 'higher_better', NULL, 1, 0, true),
  ('kpi_margin', 'margin', 'Gross margin', '毛利率', 'percent', 'higher_better', 25, 1, 1, true),
  ('kpi_csat', 'csat', 'Customer satisfaction', '客户满意度', 'score', 'higher_better', 9, 1, 2, true),
  ('kpi_service_timeliness', 'service_timeliness', 'Service timeliness', '服务及时率', 'percent', 'higher_better', 95, 1, 3, true),
  ('kpi_active_rate', 'active_rate', 'Active rate', '活跃率', 'percent', 'higher_better', 80, 1, 4, true),
  ('kpi_on_time_delivery', 'on_time_delivery', 'On-time delivery', '准时交付率', 'percent', 'higher_better', 97, 1, 5, true),
  ('kpi_open_tickets', 'open_tickets', 'Open support tickets', '未结工单数', 'count', 'lower_better', 5, 1, 6, true);
