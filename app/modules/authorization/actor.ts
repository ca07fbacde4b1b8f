export type OrganisationRole = "admin" | "member";
export type VerificationStatus = "pending" | "verified" | "rejected";

export type ActorMembership = {
  organisationId: string;
  organisationName: string;
  organisationStatus: VerificationStatus;
  role: OrganisationRole;
  isFocalPoint: boolean;
};

/** Who is acting: the signed-in person with their memberships. Built once per request. */
export type Actor = {
  personId: string;
  name: string;
  email: string;
  locale: string | null;
  isPlatformAdmin: boolean;
  /** The stored id of the session the request came with (a hash of the cookie's secret); "" outside requests. */
  sessionId: string;
  memberships: ActorMembership[];
};
