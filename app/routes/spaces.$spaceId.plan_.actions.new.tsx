import { ActionFormPage } from "~/components/plans/action-form";

export { action, loader } from "./spaces.$spaceId.plan_.actions.$actionId_.edit.server";

/** Add an action to a goal of the plan (optionally as a sub-action). */
export default ActionFormPage;
