/** Types of scripts/chromium-screenshot.mjs (see its doc comment). */
export declare function chromiumPath(): string;
export declare function hasChromium(): boolean;
export declare function screenshot(
  content: string,
  options?: { width?: number; height?: number; timeoutMs?: number },
): Promise<Buffer>;
