import { createContext, useContext, type ReactNode } from "react";

export interface BlockDepartment {
  key: string;
  name: string;
  nameZh: string;
  color: string;
}

export interface BlockKpi {
  key: string;
  name: string;
  nameZh: string;
  unit: string;
  direction: string;
}

/** What the block views need beyond the document: the workspace's vocabulary and the account's latest KPIs. */
export interface BlockEditorData {
  departments: BlockDepartment[];
  kpis: BlockKpi[];
  /** The account's most recent value of each KPI, by key. */
  latestKpis: Record<string, { value: number; quarter: string }>;
  /** The reader's department on this account's team (or their home one): new blocks start in it. */
  myDepartment: string | null;
}

const EMPTY: BlockEditorData = { departments: [], kpis: [], latestKpis: {}, myDepartment: null };

// Node views render in portals under the editor, so a context reaches them without going through the schema.
const BlockDataContext = createContext<BlockEditorData>(EMPTY);

export function BlockDataProvider({ value, children }: { value: BlockEditorData; children: ReactNode }) {
  return <BlockDataContext.Provider value={value}>{children}</BlockDataContext.Provider>;
}

export function useBlockData(): BlockEditorData {
  return useContext(BlockDataContext);
}
