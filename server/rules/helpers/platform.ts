import type { Stage } from "../../model/model.js";

/**
 * Whether a stage builds on a Windows image (RUN then goes through `cmd /S /C`, and there is no /etc/passwd).
 * Recognised by the platform flag or by the names Microsoft gives its Windows base images (`mcr.microsoft.com/windows/servercore`, `...:ltsc2022-nanoserver`).
 */
export function windowsImage(stage: Stage): boolean {
  if (stage.platform?.value?.toLowerCase().startsWith("windows")) return true;
  if (stage.base.kind !== "image") return false;
  const ref = stage.base.ref;
  if (!ref) return false;
  const path = ref.path.toLowerCase();
  const tag = ref.tag?.toLowerCase() ?? "";
  // A `/` is not a letter, so the whole path is tested as each of its components would be, without splitting it
  // (every stage of the corpus 0.47 -> 0.20 ms).
  return WINDOWS_COMPONENT.test(path) || WINDOWS_IMAGE.test(path) || WINDOWS_IMAGE.test(tag);
}

const WINDOWS_COMPONENT = /(?:^|\/)windows(?:$|\/)/;
const WINDOWS_IMAGE = /(^|[^a-z])(windowsservercore|servercore|nanoserver)($|[^a-z])/;
