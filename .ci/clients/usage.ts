// Type-checked by .ci/openapi against the types openapi-typescript generates from the
// served document (api.d.ts, written next to this file in a scratch copy): a change of
// the document that breaks what a TypeScript client writes fails CI here.
import createClient from "openapi-fetch";
import type { components, paths } from "./api";

type Schemas = components["schemas"];

export async function workflow(baseUrl: string, email: string, password: string): Promise<string> {
  const client = createClient<paths>({ baseUrl });

  const login = await client.POST("/api/v1/auth/login", { body: { email, password } });
  if (!login.data) throw new Error(`login: ${login.error?.code}`);
  const answer: Schemas["TokenResponse"] | Schemas["MfaChallenge"] = login.data;
  if ("mfa_required" in answer) {
    const challenge: true = answer.mfa_required;
    throw new Error(`two-factor sign-in needed (${challenge})`);
  }
  const role: Schemas["Role"] = answer.user.role;
  const headers = { Authorization: `Bearer ${answer.access_token}` };

  const jpas = await client.GET("/api/v1/jpas", { params: { query: { limit: 10 } }, headers });
  const first: Schemas["JpaView"] | undefined = jpas.data?.items[0];
  if (!first) return role;
  const status: Schemas["JpaStatus"] = first.status;
  const timezone: string = first.timezone;

  const jpa = await client.GET("/api/v1/jpas/{id}", { params: { path: { id: first.id } }, headers });
  const etag = jpa.response.headers.get("ETag") ?? `"${first.version}"`;
  const updated = await client.PATCH("/api/v1/jpas/{id}", {
    params: { path: { id: first.id }, header: { "If-Match": etag } },
    body: { name: `${first.name} (renamed)`, status: "active" },
    headers,
  });
  if (updated.error) {
    const problem: Schemas["Problem"] = updated.error;
    return `${problem.status} ${problem.code}`;
  }

  // An optional body may be left out.
  const agencies = await client.GET("/api/v1/agencies", { headers });
  const agency: Schemas["AgencyView"] | undefined = agencies.data?.items[0];
  if (agency) {
    const kind: Schemas["AgencyKind"] = agency.kind;
    await client.PUT("/api/v1/jpas/{id}/agencies/{agency_id}", {
      params: { path: { id: first.id, agency_id: agency.id } },
      headers,
    });
    void kind;
  }

  const progress = await client.GET("/api/v1/jpas/{id}/progress", {
    params: { path: { id: first.id }, query: { as_of: "2026-06-30" } },
    headers,
  });
  const code: string | undefined = progress.data?.jpa.code;

  const csv = await client.GET("/api/v1/jpas/{id}/export/{kind}.csv", {
    params: { path: { id: first.id, kind: "milestones" } },
    headers,
    parseAs: "text",
  });
  const text: string | undefined = csv.data;

  const investigations = await client.GET("/api/v1/jpas/{id}/investigations", {
    params: { path: { id: first.id }, query: { status: "open" } },
    headers,
  });
  const investigation: Schemas["InvestigationView"] | undefined = investigations.data?.items[0];
  const leg: Schemas["RouteLeg"] | undefined = investigation?.route_legs?.[0];
  return [role, status, timezone, code, text?.length, leg?.country].join(" ");
}
