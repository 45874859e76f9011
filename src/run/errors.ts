/** Settings the user gave that cannot work (missing dir, no Kbuild, wrong arch): exit 2. */
export class RunSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunSettingsError';
  }
}

/** The machine cannot run the pipeline (a tool missing and not installable): exit 3. */
export class RunEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunEnvironmentError';
  }
}
