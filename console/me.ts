/** The signed-in person as GET /me describes them, with the profile's agency, platforms and purposes. */
export interface Me {
  caller: { id: string; roles: string[]; region?: string; office?: string };
  staff: { name: string; email: string } | null;
  profile: string;
  agency: string;
  platforms: string[];
  purposes: string[];
  /** The caller's region's zone (issue 19.4): every time on the console is shown in it. */
  timeZone: string;
}

/** True when the person holds any of `roles`. */
export const hasRole = (me: Me, ...roles: string[]) => me.caller.roles.some((role) => roles.includes(role));
