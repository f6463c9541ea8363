"""A throw-away test PKI built with ``cryptography``: real keys, certificates and CRLs.

- ``root`` (self-signed) issues ``intermediate``, the timestamp authority ``tsa``
  and its CRL ``root.crl``;
- ``intermediate`` issues ``signer`` (the good one: organisation, SIREN in
  organizationIdentifier, e-mail), ``revoked`` (listed in ``intermediate.crl``),
  ``expired`` (validity ended 30 days ago) and ``nr_only`` (nonRepudiation only,
  like many qualified certificates);
- ``other_root`` issues ``stranger``: a perfectly formed chain nobody trusts.

CRL distribution points point at ``base_url`` so that a local HTTP server can
serve them (revocation fetch tests); everything is also written to ``folder``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "motdepasse-de-test"
SIREN = "732829320"
NOW = dt.datetime.now(dt.UTC)

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass
class Identity:
    name: str
    key: PrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def p12(self, password: str = PASSWORD) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            self.name.encode(),
            self.key,  # type: ignore[arg-type]
            self.cert,
            self.chain or None,
            serialization.BestAvailableEncryption(password.encode()),
        )

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass
class Pki:
    folder: Path
    root: Identity
    intermediate: Identity
    signer: Identity
    revoked: Identity
    expired: Identity
    nr_only: Identity
    ec_signer: Identity
    tsa: Identity
    other_root: Identity
    stranger: Identity
    crls: dict[str, bytes]

    def path(self, name: str) -> Path:
        return self.folder / name


def _name(cn: str, **extra: str) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "FR")]
    if "o" in extra:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, extra["o"]))
    if "org_id" in extra:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, extra["org_id"]))
    if "serial" in extra:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, extra["serial"]))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    if "email" in extra:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, extra["email"]))
    return x509.Name(attrs)


def _rsa() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _issue(
    subject: x509.Name,
    key: PrivateKey,
    issuer: Identity | None,
    *,
    ca: bool,
    not_before: dt.datetime,
    not_after: dt.datetime,
    crl_url: str | None,
    key_usage: str = "sign",
    eku: list[x509.ObjectIdentifier] | None = None,
    eku_critical: bool = False,
) -> x509.Certificate:
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    usage = {
        "ca": dict(digital_signature=False, key_cert_sign=True, crl_sign=True),
        "sign": dict(digital_signature=True, content_commitment=True),
        "nr": dict(digital_signature=False, content_commitment=True),
        "tsa": dict(digital_signature=True, content_commitment=False),
    }[key_usage]
    flags = dict(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    flags.update(usage)
    builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(crl_url)], None, None, None
                    )
                ]
            ),
            critical=False,
        )
    return builder.sign(signing_key, hashes.SHA256())  # type: ignore[arg-type]


def _crl(issuer: Identity, revoked: list[tuple[x509.Certificate, dt.datetime]]) -> bytes:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(NOW - dt.timedelta(minutes=5))
        .next_update(NOW + dt.timedelta(days=30))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    for cert, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(when)
            .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
            .build()
        )
    crl = builder.sign(issuer.key, hashes.SHA256())  # type: ignore[arg-type]
    return crl.public_bytes(serialization.Encoding.DER)


def build_pki(folder: Path, base_url: str = "http://127.0.0.1:9/crl") -> Pki:
    """Generate the whole PKI (about half a second) and write it to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    long_ago, far = NOW - dt.timedelta(days=3650), NOW + dt.timedelta(days=3650)
    recent, soon = NOW - dt.timedelta(days=30), NOW + dt.timedelta(days=365)

    root_key = _rsa()
    root_cert = _issue(
        _name("DUME Test Root CA", o="DUME Tests"),
        root_key,
        None,
        ca=True,
        not_before=long_ago,
        not_after=far,
        crl_url=None,
        key_usage="ca",
    )
    root = Identity("root", root_key, root_cert)
    inter_key = _rsa()
    intermediate = Identity(
        "intermediate",
        inter_key,
        _issue(
            _name("DUME Test Signing CA", o="DUME Tests"),
            inter_key,
            root,
            ca=True,
            not_before=long_ago,
            not_after=far,
            crl_url=f"{base_url}/root.crl",
            key_usage="ca",
        ),
        [root_cert],
    )

    def leaf(name: str, cn: str, **kw: object) -> Identity:
        key: PrivateKey = kw.pop("key", None) or _rsa()  # type: ignore[assignment]
        subject = _name(
            cn,
            o="ACME Bâtiment SAS",
            org_id=f"NTRFR-{SIREN}",
            email=f"{name}@acme-batiment.example",
            serial="PERSON-" + name.upper().replace("_", "-"),
        )
        cert = _issue(
            subject,
            key,
            intermediate,
            ca=False,
            not_before=kw.pop("not_before", recent),  # type: ignore[arg-type]
            not_after=kw.pop("not_after", soon),  # type: ignore[arg-type]
            crl_url=f"{base_url}/intermediate.crl",
            key_usage=kw.pop("key_usage", "sign"),  # type: ignore[arg-type]
            eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION],
        )
        return Identity(name, key, cert, [intermediate.cert, root_cert])

    signer = leaf("signer", "Jeanne Martin")
    revoked = leaf("revoked", "Paul Révoqué")
    expired = leaf(
        "expired",
        "Émile Expiré",
        not_before=NOW - dt.timedelta(days=400),
        not_after=NOW - dt.timedelta(days=30),
    )
    nr_only = leaf("nr_only", "Nora NonRépudiation", key_usage="nr")
    ec_signer = leaf("ec_signer", "Éric Courbe", key=ec.generate_private_key(ec.SECP256R1()))

    tsa_key = _rsa()
    tsa = Identity(
        "tsa",
        tsa_key,
        _issue(
            _name("DUME Test TSA", o="DUME Tests"),
            tsa_key,
            root,
            ca=False,
            not_before=long_ago,
            not_after=far,
            crl_url=f"{base_url}/root.crl",
            key_usage="tsa",
            eku=[ExtendedKeyUsageOID.TIME_STAMPING],
            eku_critical=True,
        ),
        [root_cert],
    )

    other_key = _rsa()
    other_root = Identity(
        "other_root",
        other_key,
        _issue(
            _name("Unknown Root CA", o="Nobody"),
            other_key,
            None,
            ca=True,
            not_before=long_ago,
            not_after=far,
            crl_url=None,
            key_usage="ca",
        ),
    )
    stranger_key = _rsa()
    stranger = Identity(
        "stranger",
        stranger_key,
        _issue(
            _name("Stéphane Inconnu", o="ACME Bâtiment SAS", org_id=f"NTRFR-{SIREN}"),
            stranger_key,
            other_root,
            ca=False,
            not_before=recent,
            not_after=soon,
            crl_url=None,
        ),
        [other_root.cert],
    )

    crls = {
        "root.crl": _crl(root, []),
        "intermediate.crl": _crl(intermediate, [(revoked.cert, NOW - dt.timedelta(days=1))]),
    }
    pki = Pki(
        folder,
        root,
        intermediate,
        signer,
        revoked,
        expired,
        nr_only,
        ec_signer,
        tsa,
        other_root,
        stranger,
        crls,
    )
    for ident in (root, intermediate, signer, revoked, expired, nr_only, ec_signer, tsa, stranger):
        (folder / f"{ident.name}.pem").write_bytes(ident.cert_pem)
        (folder / f"{ident.name}.p12").write_bytes(ident.p12())
    (folder / "other_root.pem").write_bytes(other_root.cert_pem)
    for name, data in crls.items():
        (folder / name).write_bytes(data)
    return pki
