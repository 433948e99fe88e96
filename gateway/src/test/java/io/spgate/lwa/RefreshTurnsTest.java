package io.spgate.lwa;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshTurnsTest {

  @Test
  void should_run_so_many_at_once_and_start_the_longest_waiting_as_each_ends() {
    RefreshTurns turns = new RefreshTurns(2);
    List<Integer> started = new ArrayList<>();
    List<Promise<Integer>> running = new ArrayList<>();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int refresh = i;
      answers.add(turns.run(() -> {
        started.add(refresh);
        Promise<Integer> ends = Promise.promise();
        running.add(ends);
        return ends.future();
      }));
    }

    assertThat(started).containsExactly(0, 1);
    running.get(1).complete(1);
    assertThat(started).containsExactly(0, 1, 2);
    running.get(0).fail("LWA refused");
    assertThat(started).containsExactly(0, 1, 2, 3);
    running.get(2).complete(2);
    running.get(3).complete(3);
    assertThat(started).containsExactly(0, 1, 2, 3, 4);

    assertThat(answers.get(0).failed()).isTrue();
    assertThat(answers.get(1).result()).isEqualTo(1);
    assertThat(answers.get(4).isComplete()).isFalse();
  }
}
