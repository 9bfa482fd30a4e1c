"""Write the configuration of a Zope instance that serves collab.portal.

One instance directory holds ``etc/zope.conf``, ``etc/zope.ini`` and
``etc/site.zcml``; data lives under ``var/``. The same command writes the
configuration of every instance of a RelStorage cluster: run it once per
instance with its own ``--name`` and ``--port`` and the same ``--dsn``.

Behind a load balancer every request comes from the balancer's address;
``--trusted-proxy`` (once per balancer address) writes Zope's
``trusted-proxy`` lines, so ``request.getClientAddr()`` (the personal
links' rate limit, the logs) is the visitor's address taken from the
balancer's ``X-Forwarded-For``. Zope's setting, not waitress's
``trusted_proxy``: Zope's takes any number of balancers and believes the
header only from them. The access log is written by
``collab.portal.accesslog`` with the same client address and without
personal-link tokens.
"""

from pathlib import Path


ZOPE_CONF = """\
%define INSTANCEHOME {instance}
instancehome $INSTANCEHOME
%define CLIENTHOME {var}
clienthome $CLIENTHOME
debug-mode {debug_mode}
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8
python-check-interval 1000
# Members posting to one discussion group at once conflict now and then in
# the catalog's text indexes (words they share); Zope retries such a
# request, and a forum at its busiest needs more than the default 3.
max-conflict-retries 5
{trusted_proxies}{imports}
# Catalogues loaded: the UN's six languages, which the site-creation form
# offers (distributions/languages.py), so Plone's own texts follow them too.
<environment>
    zope_i18n_compile_mo_files true
    zope_i18n_allowed_languages en es fr ar zh zh_CN zh_TW ru
    CHAMELEON_CACHE {var}/cache
    CHAMELEON_EAGER true
</environment>

<dos_protection>
    form-memory-limit 4MB
    form-disk-limit 1GB
    form-memfile-limit 4KB
</dos_protection>

<zodb_db main>
    mount-point /
    cache-size 30000
{storage}
</zodb_db>
"""

FILESTORAGE = """\
    <filestorage>
        path {var}/filestorage/Data.fs
        blob-dir {var}/blobstorage
    </filestorage>"""

RELSTORAGE = """\
    <relstorage>
        name collab.portal
        keep-history false
        blob-dir {var}/blobcache-{name}
        shared-blob-dir false
        blob-cache-size 512mb
        cache-local-mb 256
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>"""

ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
listen = {host}:{port}
threads = {threads}
clear_untrusted_proxy_headers = false
max_request_body_size = 1073741824

[filter:translogger]
use = call:collab.portal.accesslog:make_filter
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    {translogger}zope

[loggers]
keys = root, plone, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[logger_root]
level = INFO
handlers = console, eventlog

[logger_plone]
level = INFO
handlers = eventlog
qualname = plone

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = (r'{var}/log/{name}-access.log', 'a')
kwargs = {{}}
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = (r'{var}/log/{name}.log', 'a')
kwargs = {{}}
level = NOTSET
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)-7.7s [%(name)s:%(lineno)s][%(threadName)s] %(message)s

[formatter_message]
format = %(message)s
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:meta="http://namespaces.zope.org/meta"
    xmlns:five="http://namespaces.zope.org/five"
    >

  <include package="Products.Five" />
  <meta:redefinePermission from="zope2.Public" to="zope.Public" />

  <five:loadProducts file="meta.zcml" />
  <five:loadProducts />
  <five:loadProductsOverrides />

  <securityPolicy component="AccessControl.security.SecurityPolicy" />

</configure>
"""


def write_instance(
    directory,
    var,
    storage="filestorage",
    dsn="",
    host="localhost",
    port=8080,
    threads=4,
    name="instance",
    debug=False,
    access_log=True,
    trusted_proxies=(),
):
    """Write the three configuration files; return the path of zope.conf."""
    directory = Path(directory).resolve()
    var = Path(var).resolve()
    etc = directory / "etc"
    for folder in (etc, var / "log", var / "cache", var / "filestorage"):
        folder.mkdir(parents=True, exist_ok=True)
    if storage == "postgres":
        if not dsn:
            raise ValueError("RelStorage needs --dsn")
        storage_conf = RELSTORAGE.format(var=var, dsn=dsn, name=name)
        imports = "%import relstorage"
    elif storage == "filestorage":
        storage_conf = FILESTORAGE.format(var=var)
        imports = ""
    else:
        raise ValueError(f"Unknown storage {storage!r}")
    (etc / "zope.conf").write_text(
        ZOPE_CONF.format(
            instance=directory,
            var=var,
            debug_mode="on" if debug else "off",
            trusted_proxies="".join(
                f"trusted-proxy {address}\n" for address in trusted_proxies
            ),
            imports=imports,
            storage=storage_conf,
        )
    )
    (etc / "zope.ini").write_text(
        ZOPE_INI.format(
            host=host,
            port=port,
            threads=threads,
            var=var,
            name=name,
            translogger="translogger\n    " if access_log else "",
        )
    )
    (etc / "site.zcml").write_text(SITE_ZCML)
    return etc / "zope.conf"


def run(args):
    conf = write_instance(
        args.directory,
        args.var,
        storage=args.storage,
        dsn=args.dsn,
        host=args.host,
        port=args.port,
        threads=args.threads,
        name=args.name,
        debug=args.debug,
        trusted_proxies=args.trusted_proxy or (),
    )
    print(f"Wrote {conf}")


def add_parser(commands):
    parser = commands.add_parser("instance", help="write a Zope instance configuration")
    parser.add_argument("--directory", default="instance")
    parser.add_argument("--var", default="var")
    parser.add_argument(
        "--storage", choices=("filestorage", "postgres"), default="filestorage"
    )
    parser.add_argument(
        "--dsn",
        default="",
        help="libpq connection string for --storage postgres, e.g. "
        "\"dbname='collab' host='127.0.0.1' user='zope' password='zope'\"",
    )
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--name", default="instance")
    parser.add_argument("--debug", action="store_true")
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        metavar="ADDRESS",
        help="address of a load balancer or proxy in front of the instance "
        "whose X-Forwarded-For names the client (repeat for each)",
    )
    parser.set_defaults(func=run)
