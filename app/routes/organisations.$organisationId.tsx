import type { MetaFunction } from "@remix-run/node";
import { Link, NavLink, useLoaderData, useOutlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganisationInputs } from "~/components/consultations/organisation-inputs";
import { OnlineNow } from "~/components/presence/online-now";
import type { loader } from "./organisations.$organisationId.server";

export { loader } from "./organisations.$organisationId.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} · Concord` : "Concord" },
];

/**
 * The organisation's header and tabs around its pages (edit, invitations); on its own address it shows
 * the profile, the members and who is online.
 */
export default function OrganisationPage() {
  const { organisation, permissions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const outlet = useOutlet();
  const base = `/organisations/${organisation.id}`;
  return (
    <>
      <h1>{organisation.name}</h1>
      <p>
        <span className={`badge badge--${organisation.verificationStatus}`}>
          {t(`organisations.status.${organisation.verificationStatus}`)}
        </span>
      </p>
      {organisation.verificationStatus === "pending" ? (
        <p className="notice">{t("organisations.profile.pendingNotice")}</p>
      ) : null}
      {organisation.requestedName ? (
        <p className="notice">
          {t("organisations.profile.renamePending", { name: organisation.requestedName })}
        </p>
      ) : null}
      {organisation.verificationStatus === "rejected" ? (
        <p className="notice">
          {t("organisations.profile.rejectedNotice")}
          {organisation.verificationNote ? ` ${organisation.verificationNote}` : null}
        </p>
      ) : null}
      {permissions.editProfile || permissions.invite ? (
        <nav aria-label={t("organisations.nav.label")} className="subnav">
          <NavLink to={base} end>
            {t("organisations.nav.profile")}
          </NavLink>
          {permissions.editProfile ? (
            <NavLink to={`${base}/edit`}>{t("organisations.nav.edit")}</NavLink>
          ) : null}
          {permissions.invite ? (
            <NavLink to={`${base}/invitations`}>{t("organisations.nav.invitations")}</NavLink>
          ) : null}
        </nav>
      ) : null}
      {outlet ?? <OrganisationProfile />}
    </>
  );
}

function OrganisationProfile() {
  const { organisation, members, spaces, consultationInputs, permissions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("organisations.profile.about")}</h2>
        <dl className="details">
          <dt>{t("organisations.fields.type")}</dt>
          <dd>{t(`organisations.types.${organisation.type}`)}</dd>
          <dt>{t("organisations.fields.governanceLevel")}</dt>
          <dd>{t(`organisations.levels.${organisation.governanceLevel}`)}</dd>
          <dt>{t("organisations.fields.place")}</dt>
          <dd>
            {organisation.place}, {organisation.countryName}
          </dd>
          <dt>{t("organisations.fields.website")}</dt>
          <dd>
            {organisation.website ? (
              <a href={organisation.website} rel="noopener noreferrer nofollow">
                {organisation.website}
              </a>
            ) : (
              t("organisations.profile.noWebsite")
            )}
          </dd>
          <dt>{t("organisations.fields.contactName")}</dt>
          <dd>{organisation.contactName}</dd>
          <dt>{t("organisations.fields.contactEmail")}</dt>
          <dd>
            <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
          </dd>
        </dl>
        {organisation.description ? (
          <p className="prewrap">{organisation.description}</p>
        ) : (
          <p>{t("organisations.profile.noDescription")}</p>
        )}
      </section>
      {members ? (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t("organisations.members.title", { count: members.total })}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("organisations.members.name")}</th>
                  <th scope="col">{t("organisations.members.email")}</th>
                  <th scope="col">{t("organisations.members.role")}</th>
                </tr>
              </thead>
              <tbody>
                {members.members.map((member) => (
                  <tr key={member.personId}>
                    <td>{member.name}</td>
                    <td>{member.email}</td>
                    <td>
                      {t(`organisations.roles.${member.role}`)}
                      {member.isFocalPoint ? (
                        <>
                          {" "}
                          <span className="badge">{t("organisations.members.focalPoint")}</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {members.total > members.members.length ? (
            <p>{t("organisations.members.more", { shown: members.members.length, total: members.total })}</p>
          ) : null}
        </section>
      ) : null}
      {spaces ? <OrganisationSpaces spaces={spaces} /> : null}
      {consultationInputs ? <OrganisationInputs data={consultationInputs} /> : null}
      {permissions.seePresence ? <OnlineNow organisationId={organisation.id} initialOnline={[]} /> : null}
    </div>
  );
}

/** Every space the organisation is in, with its role or level and status (shown to its own members only). */
function OrganisationSpaces({
  spaces,
}: {
  spaces: NonNullable<Awaited<ReturnType<typeof loader>>["spaces"]>;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="spaces-heading">
      <h2 id="spaces-heading">{t("spaces.organisationSpaces.title")}</h2>
      {spaces.spaces.length === 0 ? (
        <p>{t("spaces.organisationSpaces.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("spaces.organisationSpaces.space")}</th>
                <th scope="col">{t("spaces.organisationSpaces.role")}</th>
                <th scope="col">{t("spaces.organisationSpaces.status")}</th>
              </tr>
            </thead>
            <tbody>
              {spaces.spaces.map((space) => (
                <tr key={space.id}>
                  <td>
                    <Link to={`/spaces/${space.id}`}>{space.title}</Link>
                    <br />
                    <small>{t(`spaces.kinds.${space.kind}`)}</small>
                  </td>
                  <td>
                    {space.role === "convener" || !space.level
                      ? t("spaces.roles.convener")
                      : t(`spaces.levels.${space.level}.name`)}
                  </td>
                  <td>{t(`spaces.status.${space.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {spaces.more ? (
        <p>
          {t("spaces.organisationSpaces.more", { shown: spaces.spaces.length })}{" "}
          <Link to="/spaces">{t("spaces.organisationSpaces.directory")}</Link>
        </p>
      ) : null}
    </section>
  );
}
