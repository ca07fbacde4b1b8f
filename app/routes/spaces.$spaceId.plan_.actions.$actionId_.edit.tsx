import { ActionFormPage } from "~/components/plans/action-form";

export { action, loader } from "./spaces.$spaceId.plan_.actions.$actionId_.edit.server";

/** Edit an action: its place in the plan, owners, responsible delegates and dates. */
export default ActionFormPage;
