import * as Y from "yjs";
import { asBytes, type Db } from "../app/utils/db.server";
import { contentHash, yjsStateToContent } from "../app/features/documents/document-content.server";
import { recentQuarters } from "../app/features/kpis/kpi";
import { encodeStageChange } from "../app/features/accounts/stage-change";

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

type Ids = { users: Map<string, string>; departments: Map<string, string> };

/**
 * The team's history in the demo workspace: feed entries for what the seed
 * created, one discussion on the Northwind roadmap and a few action items, so
 * a first visit shows the product at work. Notifications start read: the
 * unread badge is for what happens next.
 */
export async function seedTeamHistory(db: Db, { users, departments }: Ids): Promise<void> {
  const id = (handle: string) => users.get(handle) ?? null;
  const dept = (key: string) => departments.get(key) ?? null;
  const accounts = await db.account.findMany({ include: { documents: true, stageChanges: true } });
  for (const account of accounts) {
    for (const change of account.stageChanges) {
      await db.activity.create({
        data: {
          accountId: account.id,
          actorId: change.changedBy,
          kind: "stage_changed",
          subject: change.note,
          detail: encodeStageChange(change),
          createdAt: change.changedAt,
          updatedAt: change.changedAt,
        },
      });
    }
    for (const doc of account.documents) {
      await db.activity.create({
        data: {
          accountId: account.id,
          actorId: doc.createdById,
          kind: "doc_created",
          documentId: doc.id,
          subject: doc.title,
          createdAt: daysAgo(40),
          updatedAt: daysAgo(40),
        },
      });
    }
  }

  const northwind = accounts.find((a) => a.name === "Northwind Rail Systems");
  const roadmap = northwind?.documents.find((d) => d.kind === "roadmap");
  if (northwind && roadmap) {
    const quote = "lead time for spare gear sets cut from 14 to 8 weeks by the end of Q3.";
    const anchor = await anchorPhrase(db, roadmap.id, quote);
    if (anchor) {
      const thread = await db.commentThread.create({
        data: {
          accountId: northwind.id,
          documentId: roadmap.id,
          anchorStart: anchor.start,
          anchorEnd: anchor.end,
          quote,
          createdById: id("sales") ?? "",
          createdAt: daysAgo(2),
          comments: {
            create: [
              {
                authorId: id("sales") ?? "",
                body: "@production is 8 weeks realistic with the new gear-cutting cell, or should we promise 10?",
                createdAt: daysAgo(2),
              },
              {
                authorId: id("production") ?? "",
                body: "8 weeks holds from June once the second shift starts. Before that, 10. @sofia.rossi can logistics cover the sea leg in 2 weeks?",
                createdAt: daysAgo(1),
              },
            ],
          },
        },
      });
      const link = `/accounts/${northwind.id}/docs/${roadmap.id}?thread=${thread.id}`;
      await db.notification.createMany({
        data: [
          {
            userId: id("production") ?? "",
            accountId: northwind.id,
            actorId: id("sales"),
            kind: "department_mention",
            title: roadmap.title,
            excerpt: "@production is 8 weeks realistic with the new gear-cutting cell, or should we promise 10?",
            link,
            createdAt: daysAgo(2),
            readAt: daysAgo(1),
          },
          {
            userId: id("logistics") ?? "",
            accountId: northwind.id,
            actorId: id("production"),
            kind: "mention",
            title: roadmap.title,
            excerpt: "8 weeks holds from June once the second shift starts. Before that, 10. @sofia.rossi can…",
            link,
            createdAt: daysAgo(1),
            readAt: daysAgo(1),
          },
        ],
      });
      await db.activity.createMany({
        data: [
          {
            accountId: northwind.id,
            actorId: id("sales"),
            kind: "comment",
            documentId: roadmap.id,
            subject: roadmap.title,
            detail: "@production is 8 weeks realistic with the new gear-cutting cell, or should we promise 10?",
            createdAt: daysAgo(2),
            updatedAt: daysAgo(2),
          },
          {
            accountId: northwind.id,
            actorId: id("production"),
            kind: "comment",
            documentId: roadmap.id,
            subject: roadmap.title,
            detail: "8 weeks holds from June once the second shift starts. Before that, 10.",
            createdAt: daysAgo(1),
            updatedAt: daysAgo(1),
          },
        ],
      });
      await db.actionItem.create({
        data: {
          accountId: northwind.id,
          title: "Confirm the sea-freight leg for spare gear sets (2 weeks door to door)",
          departmentId: dept("logistics"),
          assigneeId: id("logistics"),
          dueDate: daysAgo(3),
          documentId: roadmap.id,
          threadId: thread.id,
          quote,
          createdById: id("production") ?? "",
          createdAt: daysAgo(1),
        },
      });
    }
    await db.actionItem.createMany({
      data: [
        {
          accountId: northwind.id,
          title: "Life-cycle-cost case for the Metro-X bid",
          departmentId: dept("sales"),
          assigneeId: id("sales"),
          dueDate: daysAgo(-12),
          status: "in_progress",
          createdById: id("lead") ?? "",
          createdAt: daysAgo(20),
        },
        {
          accountId: northwind.id,
          title: "Publish the named contact per department on the team page",
          departmentId: dept("support"),
          assigneeId: id("support"),
          dueDate: daysAgo(10),
          status: "done",
          completedAt: daysAgo(11),
          createdById: id("lead") ?? "",
          createdAt: daysAgo(30),
        },
      ],
    });
  }

  const rights = northwind?.documents.find((d) => d.kind === "bill_of_rights");
  if (rights) {
    await seedApprovedRound(
      db,
      rights.id,
      id("lead") ?? "",
      [
        ["sales", id("sales")],
        ["production", id("production")],
        ["logistics", id("logistics")],
        ["support", id("support")],
      ].map(([key, who]) => ({ departmentId: dept(key as string), deciderId: who as string | null })),
      id("exec"),
    );
  }

  // Four quarters of KPIs, oldest first (revenue in € thousands).
  const kpiHistory: Record<string, number[][]> = {
    "Northwind Rail Systems": [
      [4100, 4350, 4520, 4700],
      [23.1, 23.8, 24.4, 24.9],
      [8.1, 8.4, 8.6, 8.8],
      [91, 93, 95, 96],
      [74, 77, 81, 83],
      [94.5, 95.8, 96.9, 97.4],
      [9, 7, 5, 4],
    ],
    华东精密机械: [
      [2600, 2480, 2710, 2890],
      [19.5, 18.9, 20.2, 21.0],
      [7.2, 7.0, 7.6, 7.9],
      [88, 86, 90, 92],
      [65, 63, 68, 71],
      [92.1, 90.4, 93.3, 94.8],
      [14, 16, 11, 9],
    ],
  };
  const quarters = recentQuarters(new Date(), 5).slice(0, 4);
  const kpis = await db.kpiDefinition.findMany({ where: { builtIn: true }, orderBy: { sortOrder: "asc" } });
  for (const account of accounts) {
    const history = kpiHistory[account.name];
    if (!history) continue;
    await db.kpiValue.createMany({
      data: kpis.flatMap((kpi, k) =>
        quarters.map((quarter, q) => ({
          accountId: account.id,
          kpiId: kpi.id,
          quarter,
          value: history[k][q],
          enteredById: id("lead"),
        })),
      ),
    });
  }

  const huadong = accounts.find((a) => a.name === "华东精密机械");
  if (huadong) {
    await db.actionItem.create({
      data: {
        accountId: huadong.id,
        title: "确认二季度主轴箱交付排期并同步客户采购部",
        departmentId: dept("production"),
        assigneeId: id("wang.fang"),
        dueDate: daysAgo(-5),
        createdById: id("lead") ?? "",
        createdAt: daysAgo(4),
      },
    });
  }
}

/** A finished approval round on the document as seeded: every department, then the executive. */
async function seedApprovedRound(
  db: Db,
  documentId: string,
  requestedById: string,
  departments: { departmentId: string | null; deciderId: string | null }[],
  executiveId: string | null,
): Promise<void> {
  const snapshot = await db.docSnapshot.findUnique({ where: { documentId } });
  if (!snapshot) return;
  const contentHashOfState = contentHash(yjsStateToContent(snapshot.state));
  const version = await db.docVersion.create({
    data: {
      documentId,
      name: "Sent for approval",
      reason: "approval",
      state: snapshot.state,
      contentHash: contentHashOfState,
      createdById: requestedById,
      createdAt: daysAgo(9),
    },
  });
  await db.approvalRequest.create({
    data: {
      documentId,
      versionId: version.id,
      contentHash: contentHashOfState,
      status: "approved",
      needsExecutive: true,
      note: "Yearly renewal of the bill of rights",
      requestedById,
      createdAt: daysAgo(9),
      closedAt: daysAgo(6),
      steps: {
        create: [
          ...departments.map((step) => ({ ...step, decision: "approved", decidedAt: daysAgo(8) })),
          { departmentId: null, deciderId: executiveId, decision: "approved", decidedAt: daysAgo(6) },
        ],
      },
    },
  });
  // Approved before the documents were last touched by the seed: keep "approved", not "changed".
  await db.document.update({ where: { id: documentId }, data: { updatedAt: daysAgo(7) } });
}

/** Yjs relative positions around the first occurrence of `phrase` in the document, as the editor makes them. */
async function anchorPhrase(db: Db, documentId: string, phrase: string) {
  const snapshot = await db.docSnapshot.findUnique({ where: { documentId } });
  if (!snapshot) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot.state);
  const texts: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment("default"));
  for (const text of texts) {
    const plain = (text.toDelta() as { insert: unknown }[]).map((op) => String(op.insert)).join("");
    const at = plain.indexOf(phrase);
    if (at < 0) continue;
    const encode = (index: number) =>
      asBytes(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
    return { start: encode(at), end: encode(at + phrase.length) };
  }
  return null;
}
