import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, defaultLanguage, isLanguage } from "~/utils/i18n";

const pageLanguage = document.documentElement.lang;
const i18n = createI18n(isLanguage(pageLanguage) ? pageLanguage : defaultLanguage);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
