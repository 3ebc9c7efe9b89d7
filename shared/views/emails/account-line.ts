/** How the rotation and incident emails name an account, so a reader can tell which one is meant. */

/** The facts of an account an email names it by. */
export interface AccountSummary {
  accountId: string;
  platform: string;
  regionName: string;
  /** The region's time zone (issue 19.4): every time the email gives about the account is shown in it. */
  timeZone: string;
  displayName?: string;
}

/** "Smoky Mountain Foster Care (facebook, Smoky Mountain, acc_1)". */
export const accountLine = (a: AccountSummary): string =>
  `${a.displayName ?? `official ${a.platform} account`} (${a.platform}, ${a.regionName}, ${a.accountId})`;
