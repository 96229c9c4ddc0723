import { api, ApiError } from '../api/client';
import type {
  Catalogue,
  DiagnosisFeedback,
  ModelVersion,
  ScoreboardRow,
  StudentIncident,
  Versions,
} from '../api/types';

/* The team page's reads of the lab, each what one section shows. */

export interface TeamModels {
  readonly catalogue: Catalogue;
  /** Per model: its versions, oldest first, or why they could not be read. */
  readonly versions: Readonly<Record<string, readonly ModelVersion[] | string>>;
}

/** The catalogue and every model's versions: the models, the diagnosis form and recovery read them. */
export async function loadModels(token: string): Promise<TeamModels> {
  const catalogue = await api<Catalogue>('/v1/catalogue', { token });
  const lists = await Promise.all(
    catalogue.models.map((m) =>
      api<Versions>(`/v1/models/${encodeURIComponent(m.name)}/versions`, { token }).then(
        (v) => v.versions,
        (e: unknown) => (e instanceof ApiError ? e.message : String(e)),
      ),
    ),
  );
  return { catalogue, versions: Object.fromEntries(catalogue.models.map((m, i) => [m.name, lists[i]])) };
}

export const loadIncidents = (token: string) =>
  api<{ incidents: StudentIncident[] }>('/v1/incidents', { token }).then((r) => r.incidents);

export const loadDiagnoses = (token: string) =>
  api<{ diagnoses: DiagnosisFeedback[] }>('/v1/diagnoses', { token }).then((r) => r.diagnoses);

export const loadStanding = (token: string) =>
  api<{ scoreboard: ScoreboardRow[] }>('/v1/scoreboard', { token }).then((r) => r.scoreboard);
