/**
 * Saves text as a file through a temporary object URL (no server round trip, allowed by the CSP). The text
 * comes in parts, which the Blob joins: a large export can be more than one string may hold.
 */
export function downloadParts(parts: readonly string[], fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([...parts], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
