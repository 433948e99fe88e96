/**
 * Stand-ins for the browser's EventSource: the console opens streams through `open`, the test sends
 * named events into them (`emit`) or makes them fail (`fail`), and reads which were opened and closed.
 */
import { act } from '@testing-library/react';
import type { EventStream } from '../session/environment';

export class FakeEventSource implements EventStream {
  readonly url: URL;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(url: string) {
    this.url = new URL(url, 'http://console.test');
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  /** Sends one event as the gateway would (`event: type`, `data: JSON`); a closed stream gets nothing. */
  emit(type: string, data: unknown): void {
    if (this.closed) return;
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data) });
    act(() => this.listeners.get(type)?.forEach((listener) => listener(event)));
  }

  /** The browser's `error`: the gateway refused the stream or the connection broke. */
  fail(): void {
    if (this.closed) return;
    act(() => this.listeners.get('error')?.forEach((listener) => listener(new MessageEvent<string>('error'))));
  }
}

export class FakeEventStreams {
  readonly opened: FakeEventSource[] = [];

  readonly open = (url: string): FakeEventSource => {
    const stream = new FakeEventSource(url);
    this.opened.push(stream);
    return stream;
  };

  /** The streams opened to a path, oldest first. */
  to(pathname: string): FakeEventSource[] {
    return this.opened.filter((s) => s.url.pathname === pathname);
  }

  /** The one open stream to a path; fails the test when there is none. */
  openTo(pathname: string): FakeEventSource {
    const open = this.to(pathname).filter((s) => !s.closed);
    if (open.length !== 1) throw new Error(`${open.length} open streams to ${pathname}`);
    return open[0] as FakeEventSource;
  }
}
