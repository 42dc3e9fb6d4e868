-- Data, written by hand (prisma migrate diff writes only the schema): the KPIs every workspace starts
-- with, as prisma/migrations/20261123160000_kpis inserts them on SQLite.
INSERT INTO "KpiDefinition" ("id", "key", "name", "nameZh", "unit", "direction", "target", "weight", "sortOrder", "builtIn") VALUES
  ('kpi_revenue', 'revenue', 'Revenue', '营业收入', 'currency', 'higher_better', NULL, 1, 0, true),
  ('kpi_margin', 'margin', 'Gross margin', '毛利率', 'percent', 'higher_better', 25, 1, 1, true),
  ('kpi_csat', 'csat', 'Customer satisfaction', '客户满意度', 'score', 'higher_better', 9, 1, 2, true),
  ('kpi_service_timeliness', 'service_timeliness', 'Service timeliness', '服务及时率', 'percent', 'higher_better', 95, 1, 3, true),
  ('kpi_active_rate', 'active_rate', 'Active rate', '活跃率', 'percent', 'higher_better', 80, 1, 4, true),
  ('kpi_on_time_delivery', 'on_time_delivery', 'On-time delivery', '准时交付率', 'percent', 'higher_better', 97, 1, 5, true),
  ('kpi_open_tickets', 'open_tickets', 'Open support tickets', '未结工单数', 'count', 'lower_better', 5, 1, 6, true);
