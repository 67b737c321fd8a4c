# vb -- build, test, demo, bench.  GNU make; everything builds into $(O).
O        ?= build
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes
CPPFLAGS += -Ilib -D_POSIX_C_SOURCE=200809L -DVB_VERSION='"$(VERSION)"'
LDLIBS   += -lcsv -lz -lnettle -lm
PREFIX   ?= /usr/local
# The xlsx workbook of vb-format needs libxlsxwriter (ensure-deps installs it).
ifneq ($(wildcard /usr/include/xlsxwriter.h),)
CPPFLAGS += -DHAVE_XLSXWRITER
LDLIBS   += -lxlsxwriter
endif
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

FILTERS  := $(sort $(basename $(notdir $(wildcard filters/*.c))))
LIBSRC   := $(wildcard lib/*.c)
UNITSRC  := $(wildcard tests/unit/check_*.c)
FUZZSRC  := $(wildcard tests/fuzz/fuzz_*.c)
TOOLSRC  := $(wildcard scripts/*.c)
BINS     := $(FILTERS:%=$(O)/bin/vb-%)
REPLAYS  := $(patsubst tests/fuzz/fuzz_%.c,$(O)/fuzz/replay_%,$(FUZZSRC))
TOOLS    := $(patsubst scripts/%.c,$(O)/tools/%,$(TOOLSRC))
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

.PHONY: all deps check test unit cli pipelines replay portable san demo bench fuzz \
        install uninstall clean man-lint

all: $(BINS) $(TOOLS)

# Installs the Debian packages the build and tests need (apt-get when root).
deps:
	@scripts/ensure-deps.sh build

$(O)/bin/vb-%: $(O)/filters/%.o $(O)/libvb.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tools/%: $(O)/scripts/%.o $(O)/libvb.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CPPFLAGS) $(CHECK_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/libvb.a: $(patsubst %.c,$(O)/%.o,$(LIBSRC))
	@rm -f $@
	$(AR) rcs $@ $^

# The unit-test runner calls every MODULE_suite() found in tests/unit/check_*.c.
$(O)/tests/unit/suites.h: $(UNITSRC) Makefile
	@mkdir -p $(@D)
	sed -n 's/^\(.*_suite\)(void)$$/SUITE(\1)/p' $(UNITSRC) | sort > $@.tmp
	mv $@.tmp $@

$(O)/tests/unit/main.o: $(O)/tests/unit/suites.h
$(O)/tests/unit/main.o: CPPFLAGS += -I$(O)/tests/unit

$(O)/check_vb: $(patsubst %.c,$(O)/%.o,$(UNITSRC) tests/unit/main.c) $(O)/libvb.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(O)/fuzz/replay_%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/replay.o $(O)/libvb.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# make check = the whole suite, the unit suites and fuzz corpora again built
# without SSE2 (the word-at-a-time code other machines run), then the whole
# suite under ASan+UBSan (what CI runs); make test = the first part only, for
# a quick edit loop.
check: test portable san

test:
	@scripts/ensure-deps.sh check
	@$(MAKE) --no-print-directory all $(O)/check_vb $(REPLAYS)
	@$(MAKE) --no-print-directory unit replay cli pipelines man-lint

unit: $(O)/check_vb
	$(O)/check_vb

replay: $(REPLAYS)
	@for r in $(REPLAYS); do m=$${r##*/replay_}; \
	    $$r tests/fuzz/corpus/$$m || exit 1; done

cli: all
	tests/run-cli.sh $(O)/bin

pipelines: all
	tests/run-pipelines.sh $(O)/bin

portable:
	$(MAKE) O=build-portable unit replay CFLAGS='-O2 -g -U__SSE2__'

# Tests marked '# san: skip' (long property runs whose subject is not memory
# safety) are skipped here; everything else runs instrumented.
san:
	$(MAKE) O=build-san test VB_SAN=1 \
	    CFLAGS='-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer'

demo: deps
	@$(MAKE) --no-print-directory all
	PATH="$(CURDIR)/$(O)/bin:$$PATH" pipelines/veiligheidsbeeld.sh -o out/demo
	@echo "report: out/demo/veiligheidsbeeld.html"

bench:
	@scripts/ensure-deps.sh bench
	@$(MAKE) --no-print-directory all
	scripts/bench.sh $(O)

fuzz:
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),60)

man-lint:
	@if command -v mandoc >/dev/null; then mandoc -Tlint -Wwarning filters/*.1 \
	    && echo "man: $$(ls filters/*.1 | wc -l) pages lint-clean"; \
	else echo "man: mandoc missing, pages not linted"; fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/vb
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	for m in filters/*.1; do n=$${m##*/}; \
	    install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/vb-$$n; done
	scripts/install-share.sh $(DESTDIR)$(PREFIX)

uninstall:
	rm -f $(FILTERS:%=$(DESTDIR)$(PREFIX)/bin/vb-%)
	rm -f $(FILTERS:%=$(DESTDIR)$(PREFIX)/share/man/man1/vb-%.1)
	rm -f $(DESTDIR)$(PREFIX)/bin/vb-nightly $(DESTDIR)$(PREFIX)/bin/vb-parallel
	rm -rf $(DESTDIR)$(PREFIX)/share/vb

clean:
	rm -rf $(O) build-san build-portable

.SECONDARY:
-include $(shell find $(O) -name '*.d' 2>/dev/null)
