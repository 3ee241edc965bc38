/**
 * A decision's papers, made where its number is taken: in the transaction that records `DecisionIssued`, the
 * decision (with its annex) and one certificate per awardee are rendered as PDF/A-2b with the law in force on
 * the decision's day, signed as PAdES when the issuing organisation has a signing certificate, stored once
 * in the file store, and recorded whole in the event (name, size, SHA-256, signer). What is downloaded is
 * that file, byte for byte, whatever the catalogue or the law says later. An append rolled back leaves only
 * unreferenced files behind (never a decision without its papers).
 */
import { createHash, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '@thidua/config';
import { isoWithOffset, type CommendationState, type DecisionPapers, type IssuedPaper } from '@thidua/contracts';
import { findCampaign, findCredential, fileStoreOf, insertFile, listLegalTexts, type FileStore } from '@thidua/persistence';
import {
  citedTexts,
  credentialFromBytes,
  dayOf,
  awards,
  listed,
  renderPaper,
  signPdf,
  unseal,
  type SignatureMark,
  type SigningCredential,
} from '@thidua/papers';

/** Who stored a paper the system made (the `files` table's uploader). */
export const SYSTEM_UPLOADER = 'system:decision';

const stores = new Map<string, Promise<FileStore>>();
/** The file store of the configuration, made ready (its folder or bucket created) once per process and place. */
function storeOf(config: AppConfig): Promise<FileStore> {
  const key = config.storageUrl ?? config.dataDir;
  let store = stores.get(key);
  if (!store) {
    const made = fileStoreOf(config);
    store = made.ready().then(() => made);
    store.catch(() => stores.delete(key));
    stores.set(key, store);
  }
  return store;
}

/** The issuing organisation's credential, opened; undefined when it has none (the papers are then issued unsigned). */
async function credentialOf(m: EntityManager, config: AppConfig, campaignId: string) {
  const campaign = await findCampaign(m, campaignId);
  const row = campaign && (await findCredential(m, campaign.org_id));
  if (!row) return undefined;
  if (!config.signingKey) throw new Error('Tổ chức có chứng thư số nhưng SIGNING_KEY chưa được cấu hình: không ký được quyết định');
  return { credential: credentialFromBytes(unseal(config.signingKey, row.sealed)), row };
}

/** Renders, signs and stores the papers of the decision `decided` states (its number given); answers what the event records. */
export async function makeDecisionPapers(m: EntityManager, config: AppConfig, decided: CommendationState): Promise<DecisionPapers> {
  const decision = decided.decision!;
  const law = await listLegalTexts(m);
  const day = dayOf(decision.issuedAt, decided.timezone);
  const found = await credentialOf(m, config, decided.campaignId);
  const signedAt = new Date();
  const mark: SignatureMark | undefined = found && {
    signer: found.credential.subject,
    organisation: decided.setup.issuer.name,
    at: isoWithOffset(signedAt, decided.timezone),
    ...(found.row.signatureImage ? { signatureImage: found.row.signatureImage } : {}),
    ...(found.row.sealImage ? { sealImage: found.row.sealImage } : {}),
  };
  const sheets = decided.posting?.sheets ?? [];
  const store = await storeOf(config);
  const issue = async (name: string, pdf: Buffer): Promise<IssuedPaper> => {
    const bytes = found
      ? await signPdf(pdf, found.credential, signedAt, `Ban hành ${name}`, decided.setup.issuer.place, config.tsaUrl)
      : pdf;
    return stored(m, store, name, bytes, found?.credential, mark?.at, config.tsaUrl ? 'PAdES-B-T' : 'PAdES-B-B');
  };
  const number = decision.numberText.replace(/\//g, '-');
  const papers: DecisionPapers = {
    decision: await issue(`quyet-dinh-${number}.pdf`, await renderPaper('quyet-dinh', decided, sheets, { law, mark })),
    certificates: [],
    cites: citedTexts(law, day).map((t) => t.id),
    total: awards(decided, listed(decided), law, day).total,
  };
  const certificates = [];
  for (const id of decision.awarded)
    certificates.push({
      nomineeId: id,
      ...(await issue(
        `giay-khen-${number}-${id.replace(/[^a-z0-9-]/gi, '-')}.pdf`,
        await renderPaper('giay-khen', decided, sheets, { law, mark, only: id }),
      )),
    });
  return { ...papers, certificates };
}

/** Writes the bytes once under a new id and records the file; the paper as the event states it. */
async function stored(
  m: EntityManager,
  store: FileStore,
  name: string,
  bytes: Buffer,
  credential: SigningCredential | undefined,
  at: string | undefined,
  profile: 'PAdES-B-B' | 'PAdES-B-T',
): Promise<IssuedPaper> {
  const id = randomUUID();
  const spool = join(tmpdir(), `thidua-paper-${id}.pdf`);
  await writeFile(spool, bytes);
  try {
    await store.put(id, spool, bytes.length, 'application/pdf');
  } finally {
    await rm(spool, { force: true });
  }
  const file = { id, name, size: bytes.length, mediaType: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex') };
  await insertFile(m, file, SYSTEM_UPLOADER);
  return credential && at ? { ...file, signed: { subject: credential.subject, at, certificate: credential.fingerprint, profile } } : file;
}
