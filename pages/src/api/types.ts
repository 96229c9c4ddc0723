/*
 * The answers the pages read, as the lab's OpenAPI document (/openapi.json) gives them: the lab's
 * control API (lab/src/http/openapi*.ts) and serving's recovery routes (serving/src/http/openapi.ts).
 * The browser tests run the pages against a real lab, so a shape that drifts from these fails there.
 */

export type Role = 'tutor' | 'team';
export type WhoAmI = { role: 'tutor' } | { role: 'team'; team: string };

export type IncidentState = 'scheduled' | 'running' | 'paused' | 'ended' | 'aborted';
export type IncidentMode = 'hidden' | 'announced';
export type IncidentAction = 'pause' | 'resume' | 'abort' | 'reveal';

export interface CatalogueModel {
  readonly name: string;
  readonly title: string;
  readonly task: 'classification' | 'regression';
  readonly features: readonly string[];
}
export interface Catalogue {
  readonly models: readonly CatalogueModel[];
  readonly kinds: readonly string[];
}

export interface RevealedAnswer {
  readonly kind: string;
  readonly model: string;
  readonly features: readonly string[];
  readonly what: string;
}

/** GET /v1/incidents with a team token. */
export interface StudentIncident {
  readonly id: string;
  readonly title: string;
  readonly brief: string;
  readonly state: IncidentState;
  readonly revealed?: true;
  readonly scenario?: string;
  readonly answer?: RevealedAnswer;
  readonly onset?: string;
}

/** An answer key, as the tutor sees it. */
export interface AnswerKey extends RevealedAnswer {
  readonly when?: string;
  readonly recover?: string;
  readonly signals?: readonly string[];
}

/** GET /v1/incidents with the tutor token. */
export interface TutorIncident {
  readonly id: string;
  readonly scenario: string;
  readonly title: string;
  readonly mode: IncidentMode;
  readonly teams: readonly string[];
  readonly state: IncidentState;
  /** When it starts, on the lab's simulated clock. */
  readonly startsAt: string;
  /** When the tutor started it, on the wall clock. */
  readonly createdAt: string;
  readonly onset: Readonly<Record<string, string>>;
  readonly feedback: boolean;
  readonly revealed: boolean;
  readonly answer: AnswerKey;
}

export interface LibraryScenario {
  readonly id: string;
  readonly title: string;
  readonly brief: string;
  readonly kind: string;
  readonly worlds: readonly string[];
  readonly runnable: boolean;
  readonly answer: AnswerKey;
}

export interface Score {
  /** 0–100. */
  readonly total: number;
  readonly model: boolean;
  readonly kind: boolean;
  readonly featurePrecision: number;
  readonly featureRecall: number;
  readonly onsetErrorSeconds: number;
  readonly timeToDetectSeconds: number;
}

/** One of a team's diagnoses (POST and GET /v1/diagnoses). */
export interface DiagnosisFeedback {
  readonly id: number;
  readonly submittedAt: string;
  readonly model: string;
  readonly kind: string;
  readonly features: readonly string[];
  readonly since: string;
  readonly score?: Score;
  readonly pending?: string;
}

export interface ScoreboardRow {
  readonly incident: string;
  readonly scenario: string | null;
  readonly title: string;
  readonly team: string;
  readonly best: number | null;
  readonly last: number | null;
  readonly submissions: number;
  readonly timeToDetectSeconds: number | null;
  readonly timeToRecoverSeconds: number | null;
}

export interface TeamEntry {
  readonly id: string;
  readonly token: string;
  readonly url: string | null;
}

/** One event of the lab's record (GET /v1/record). */
export interface RecordEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly model: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  /** How it ended: "done", "scored 75", "refused (409)", an alert's "firing"… */
  readonly outcome?: string;
}

/** POST /v1/lab/reset (lab/src/control/control-plane.ts). */
export interface LabResetAnswer {
  /** The incidents it aborted. */
  readonly aborted: readonly string[];
  /**
   * The model versions it put back: model → version for a lab of one team, team → (model →
   * version) for a cohort; a sentence when serving runs in another process.
   */
  readonly models: string | Readonly<Record<string, number | Readonly<Record<string, number>>>>;
}

export interface ProjectorIncident {
  readonly id: string;
  readonly title: string;
  readonly state: IncidentState;
  readonly teams: readonly string[];
  readonly revealed: boolean;
  readonly what?: string;
}
export interface ProjectorRow {
  readonly incident: string;
  readonly team: string;
  readonly submissions: number;
  readonly best: number | null;
  readonly timeToDetectSeconds: number | null;
  readonly timeToRecoverSeconds: number | null;
}
export interface ProjectorView {
  readonly incidents: readonly ProjectorIncident[];
  readonly scoreboard: readonly ProjectorRow[];
}

/* Serving's recovery routes (GET /v1/models/{name}/versions, POST :rollback, :promote, :retrain). */

export interface GateCheck {
  readonly name: string;
  readonly kind?: string;
  readonly passed: boolean;
  readonly detail?: string;
}
export interface GateReport {
  readonly passed: boolean;
  readonly checks: readonly GateCheck[];
  readonly comparedWith?: number | null;
}
export interface ModelVersion {
  readonly version: number;
  readonly status: 'candidate' | 'serving' | 'retired' | 'rejected' | 'unreadable';
  readonly createdAt?: string;
  readonly holdout?: Readonly<Record<string, unknown>>;
  readonly gates?: GateReport | null;
  readonly problem?: string;
}
export interface Versions {
  readonly model: string;
  readonly versions: readonly ModelVersion[];
}
export interface Deployment {
  readonly seq: number;
  readonly action: 'promote' | 'rollback';
  readonly at: string;
  readonly from: number | null;
  readonly to: number;
  readonly reason: string;
}
export interface GatedResult {
  readonly model: string;
  readonly promoted?: boolean;
  readonly deployment?: Deployment;
  readonly gates?: GateReport;
  readonly error?: string;
}
export interface RetrainResult {
  readonly model: string;
  readonly version: number;
  readonly records: number;
  readonly metrics?: Readonly<Record<string, unknown>>;
  readonly gates: GateReport;
  readonly promoted: boolean;
  readonly deployment: Deployment | null;
}
