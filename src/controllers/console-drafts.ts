/**
 * What the operator typed into the console's forms, kept outside the DOM: a panel can be re-rendered
 * from scratch (the room reconnects, a tab switch) and its fields come back as they were. A form's
 * drafts are cleared only once its action went out.
 */
export class ConsoleDrafts {
  private readonly values = new Map<string, string>();

  /** The typed value of `key`, else `fallback`. */
  value(key: string, fallback = ''): string {
    return this.values.get(key) ?? fallback;
  }

  /** A checkbox's typed state, else `fallback`. */
  checked(key: string, fallback = false): boolean {
    const value = this.values.get(key);
    return value === undefined ? fallback : value === 'on';
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Forgets every draft whose key starts with `prefix` (a form that went out). */
  clear(prefix: string): void {
    for (const key of [...this.values.keys()]) if (key.startsWith(prefix)) this.values.delete(key);
  }

  /** An `input`/`change` listener that keeps the field's value (or checkbox state) under `key`. */
  keep(key: string): (event: Event) => void {
    return (event) => {
      const field = event.target as { type?: string; value?: unknown; checked?: boolean } | null;
      if (!field) return;
      this.set(key, field.type === 'checkbox' ? (field.checked ? 'on' : '') : String(field.value ?? ''));
    };
  }
}
