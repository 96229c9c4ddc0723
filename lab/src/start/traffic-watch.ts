import type { Logger } from 'winston';
import type { Pace } from '../live';
import type { SenderCounts } from '../traffic-sender';

/** Below this share of the asked speed, the console says the lab has slowed. */
const SLOW = 0.9;
/** The first seconds (warming up, models loading) are not judged. */
const WARM_UP_MS = 5000;

/**
 * Says on the console, once each time it changes, what the traffic line's numbers alone would not
 * make plain: the lab has slowed its clock (it cannot keep the asked speed here), or serving stopped
 * answering (sends fail). The same facts are metrics (driftlab_lab_speed_ratio,
 * driftlab_lab_requests_total).
 */
export class TrafficWatch {
  private slow = false;
  private failedSeen = 0;

  constructor(
    private readonly log: Logger,
    private readonly pace: () => Pace | undefined,
    private readonly counts: () => SenderCounts | undefined,
  ) {}

  check(): void {
    const pace = this.pace();
    if (pace) this.checkPace(pace);
    const counts = this.counts();
    if (counts) this.checkFailures(counts);
  }

  private checkPace({ asked, effective, runningMs }: Pace): void {
    if (runningMs < WARM_UP_MS) return;
    const ratio = effective / asked;
    if (!this.slow && ratio < SLOW) {
      this.slow = true;
      this.log.warn(
        `the lab cannot keep --speed ${asked} on this machine: it runs at about ${Math.round(effective)}× (the simulated clock slows; no traffic is dropped)`,
        { askedSpeed: asked, effectiveSpeed: Math.round(effective) },
      );
    } else if (this.slow && ratio >= SLOW) {
      this.slow = false;
      this.log.info(`the lab is back to --speed ${asked}`, { askedSpeed: asked });
    }
  }

  private checkFailures({ failed }: SenderCounts): void {
    if (failed === this.failedSeen) return;
    if (this.failedSeen === 0 || failed - this.failedSeen >= 1000)
      this.log.warn(`${failed} requests to serving failed: is serving down? (driftlab_lab_requests_total)`, {
        failed,
      });
    this.failedSeen = failed;
  }
}
